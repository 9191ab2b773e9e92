import { z } from 'zod';

const schema = z.object({
  /** Which chat model answers. `extractive` (default) quotes the knowledge base; no network, no key. */
  LLM_PROVIDER: z
    .enum(['extractive', 'openai', 'anthropic', 'openai-compatible'])
    .default('extractive'),
  OPENAI_API_KEY: z.string().min(1).optional(),
  /** Defaults to OpenAI's own endpoint. */
  OPENAI_BASE_URL: z.string().url().optional(),
  OPENAI_CHAT_MODEL: z.string().min(1).default('gpt-4o-mini'),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  ANTHROPIC_CHAT_MODEL: z.string().min(1).default('claude-haiku-4-5'),
  /** Any server speaking OpenAI's chat completions API (vLLM, Ollama, LM Studio, a gateway). */
  OPENAI_COMPATIBLE_BASE_URL: z.string().url().optional(),
  OPENAI_COMPATIBLE_API_KEY: z.string().min(1).optional(),
  OPENAI_COMPATIBLE_CHAT_MODEL: z.string().min(1).optional(),
  /** The provider name its usage is priced under (must be in @platform/costs' price table). */
  OPENAI_COMPATIBLE_PROVIDER_NAME: z.string().min(1).default('openai-compatible'),
  /** Passages retrieved per turn. */
  CHAT_RETRIEVAL_LIMIT: z.coerce.number().int().min(0).max(20).default(5),
  /** Earlier messages of the session sent with each turn. */
  CHAT_HISTORY_MESSAGES: z.coerce.number().int().min(0).max(50).default(10),
  /** Longest a visitor's message may be, in characters. */
  CHAT_MAX_INPUT_CHARS: z.coerce.number().int().min(1).default(4000),
  /** Output cap when the personality sets none. */
  CHAT_DEFAULT_MAX_TOKENS: z.coerce.number().int().min(1).default(1024),
  /**
   * A typical answer's length in tokens: what a turn reserves against the budget for its output
   * (capped by the personality's maximum). The true cost is settled after the answer.
   */
  CHAT_EXPECTED_OUTPUT_TOKENS: z.coerce.number().int().min(1).default(300),
  /** Whole-answer deadline. */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
});

export type AiEnv = z.infer<typeof schema>;

export function readAiEnv(source: Record<string, string | undefined> = process.env): AiEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid chat settings: ${fields}`);
  }
  const env = parsed.data;
  if (env.LLM_PROVIDER === 'openai' && !env.OPENAI_API_KEY)
    throw new Error('LLM_PROVIDER=openai needs OPENAI_API_KEY.');
  if (env.LLM_PROVIDER === 'anthropic' && !env.ANTHROPIC_API_KEY) {
    throw new Error('LLM_PROVIDER=anthropic needs ANTHROPIC_API_KEY.');
  }
  if (
    env.LLM_PROVIDER === 'openai-compatible' &&
    (!env.OPENAI_COMPATIBLE_BASE_URL || !env.OPENAI_COMPATIBLE_CHAT_MODEL)
  ) {
    throw new Error(
      'LLM_PROVIDER=openai-compatible needs OPENAI_COMPATIBLE_BASE_URL and OPENAI_COMPATIBLE_CHAT_MODEL.',
    );
  }
  return env;
}
