import type { z } from 'zod';
import type { Database } from '@platform/db';
import { AppError } from '@platform/errors';
import {
  createDocumentFromUpload,
  createDocumentFromUrl,
  hybridSearch,
  insertDocument,
  recordEmbeddingCost,
} from '@platform/rag';
import type { DocumentDraft } from '@platform/rag';
import type { IngestionScheduler } from '../trpc';
import type { ErrorLogger } from '../lib/errors';
import type { addUrlInput, searchInput } from './schema';
import type { uploadInput } from './upload-schema';
import { apiEnv } from '../env';
import { enforceInStages } from '../lib/rate-limit';
import type { RateLimiter } from '../widget/rate-limit';
import { getDocument } from './service';

/**
 * Knowledge that needs slow work before (or instead of) a short write: parsing an upload,
 * fetching a URL, embedding a query. None of it runs inside a tenant transaction; @platform/rag's
 * functions open their own short ones (the query is embedded before search's transaction opens).
 */
export interface SourceDeps {
  db: Database;
  tenantId: string;
  ingestion?: IngestionScheduler;
  logError: ErrorLogger;
  /** Counts uploads and fetched URLs per tenant (parsing them is the costly part). */
  limiter: RateLimiter;
}

/** Longest excerpt a hit carries: enough to judge it, not a whole chunk. */
export const EXCERPT_CHARS = 600;

export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Which chunks a question retrieves and why: the fused score and each branch's rank. */
export async function searchKnowledge(
  deps: Pick<SourceDeps, 'db' | 'tenantId'>,
  input: z.output<typeof searchInput>,
) {
  const result = await hybridSearch(deps.db, deps.tenantId, input.query, {
    limit: input.limit,
    category: input.category,
  });
  // Embedding the question is an AI call like any other: counted, even when the model is free.
  if (result.embedding.tokens > 0) {
    await deps.db.withTenant(deps.tenantId, (tx) =>
      recordEmbeddingCost(tx, {
        tenantId: deps.tenantId,
        provider: result.embedding.provider,
        model: result.embedding.modelId,
        tokens: result.embedding.tokens,
        operation: 'query',
      }),
    );
  }
  return {
    vectorBranch: result.vectorBranch,
    textBranch: result.textBranch,
    terms: result.terms,
    embeddingModel: result.embedding.model,
    hits: result.hits.map((hit) => ({
      chunkId: hit.chunkId,
      documentId: hit.documentId,
      documentTitle: hit.documentTitle,
      position: hit.position,
      excerpt: excerpt(hit.content),
      score: hit.score,
      relevance: hit.relevance,
      vectorRank: hit.vectorRank,
      textRank: hit.textRank,
      similarity: hit.similarity,
      textScore: hit.textScore,
    })),
  };
}

/** Parses an uploaded file (text, Markdown, HTML, PDF), stores it pending, schedules ingestion. */
export async function uploadDocument(deps: SourceDeps, input: z.output<typeof uploadInput>) {
  await limitDocumentSources(deps);
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.byteLength === 0) throw new AppError('BAD_INPUT', 'The file is empty.');
  const draft = await createDocumentFromUpload({
    bytes,
    filename: input.filename,
    mimeType: input.mimeType || undefined,
  });
  return storeDraft(deps, draft, input.category);
}

/** Fetches a page or file server-side (rag's size, time and address guards), then as an upload. */
export async function addUrlDocument(deps: SourceDeps, input: z.output<typeof addUrlInput>) {
  await limitDocumentSources(deps);
  const draft = await createDocumentFromUrl(input.url);
  return storeDraft(deps, draft, input.category);
}

/**
 * Files and URLs per tenant and window: each one occupies a parse worker for up to its time
 * limit, so one tenant cannot keep the pool busy for everyone else.
 */
function limitDocumentSources(deps: SourceDeps): Promise<void> {
  const env = apiEnv();
  return enforceInStages(
    deps.limiter,
    [{ key: `document-sources:${deps.tenantId}`, limit: env.UPLOAD_RATE_LIMIT_TENANT }],
    env.UPLOAD_RATE_WINDOW_SECONDS,
    (seconds) =>
      `Too many files and URLs added in a short time. Try again in ${Math.ceil(seconds / 60)} minutes.`,
  );
}

async function storeDraft(deps: SourceDeps, draft: DocumentDraft, category: string | undefined) {
  if (!draft.content.trim()) throw new AppError('BAD_INPUT', 'No readable text was found in it.');
  const documentId = await insertDocument(deps.db, deps.tenantId, draft, { category });
  // insertDocument's transaction has committed: the worker will see the row.
  try {
    await deps.ingestion?.schedule(deps.tenantId, documentId);
  } catch (error) {
    // The document is stored and stays `pending`; the periodic sweep ingests it.
    deps.logError('scheduling ingestion failed', { error, documentId });
  }
  return deps.db.withTenant(deps.tenantId, (tx) => getDocument(tx, documentId));
}
