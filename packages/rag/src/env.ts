import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

const schema = z.object({
  /** Which embedding model indexes and queries knowledge. Changing it re-indexes every tenant at the next start (reindexStaleTenants). */
  EMBEDDING_PROVIDER: z.enum(['local', 'openai', 'voyage']).default('local'),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.string().url().default('https://api.openai.com/v1'),
  OPENAI_EMBEDDING_MODEL: z.string().min(1).default('text-embedding-3-small'),
  VOYAGE_API_KEY: z.string().min(1).optional(),
  VOYAGE_BASE_URL: z.string().url().default('https://api.voyageai.com/v1'),
  VOYAGE_EMBEDDING_MODEL: z.string().min(1).default('voyage-3'),
  /** Texts per embedding request (remote providers) or per model call (local). */
  EMBEDDING_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(32),
  EMBEDDING_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Chunk size and overlap in tokens (cl100k). */
  CHUNK_SIZE_TOKENS: z.coerce.number().int().min(32).max(8000).default(400),
  CHUNK_OVERLAP_TOKENS: z.coerce.number().int().min(0).max(2000).default(60),
  /** Largest uploaded file accepted by createDocumentFromUpload. */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  /**
   * Parsing uploads and fetched pages, in worker threads off the request thread: how many at once,
   * the time and heap one file may use before it is refused, and how many may wait in line.
   */
  PARSE_WORKERS: z.coerce.number().int().min(1).max(32).default(2),
  PARSE_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  PARSE_MAX_MEMORY_MB: z.coerce.number().int().min(32).default(256),
  PARSE_MAX_QUEUED: z.coerce.number().int().min(0).default(16),
  /** Fetching a document from a URL: byte and time limits. */
  URL_FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  URL_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Allow fetching private, loopback and link-local addresses. Off by default (SSRF); tests turn it on. */
  URL_FETCH_ALLOW_PRIVATE: flag,
});

export type RagEnv = z.infer<typeof schema>;

export function readRagEnv(source: Record<string, string | undefined> = process.env): RagEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid knowledge settings: ${fields}`);
  }
  const env = parsed.data;
  if (env.EMBEDDING_PROVIDER === 'openai' && !env.OPENAI_API_KEY) {
    throw new Error('EMBEDDING_PROVIDER=openai needs OPENAI_API_KEY.');
  }
  if (env.EMBEDDING_PROVIDER === 'voyage' && !env.VOYAGE_API_KEY) {
    throw new Error('EMBEDDING_PROVIDER=voyage needs VOYAGE_API_KEY.');
  }
  if (env.CHUNK_OVERLAP_TOKENS >= env.CHUNK_SIZE_TOKENS) {
    throw new Error('CHUNK_OVERLAP_TOKENS must be smaller than CHUNK_SIZE_TOKENS.');
  }
  return env;
}
