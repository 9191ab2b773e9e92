import { EMBEDDING_DIMENSIONS } from '@platform/db';
import { AppError } from '@platform/errors';

export type EmbeddingProviderName = 'local' | 'openai' | 'voyage';
/** Some models embed queries and documents differently (Voyage); the rest ignore it. */
export type EmbeddingPurpose = 'document' | 'query';

export interface EmbeddingResult {
  /** One vector per input, each EMBEDDING_DIMENSIONS long (zero-padded when the model is smaller). */
  vectors: number[][];
  /** Input tokens: the provider's count when it reports one, else ours (cl100k). */
  tokens: number;
}

export interface EmbeddingProvider {
  readonly provider: EmbeddingProviderName;
  /** Provider model id, e.g. `text-embedding-3-small`. */
  readonly modelId: string;
  /** `provider/model`: stored in every chunk's metadata; one value per tenant at a time. */
  readonly model: string;
  /** The model's own output size, before padding. */
  readonly nativeDimensions: number;
  /**
   * Cosine similarity below which no chunk is about the question, measured for this model
   * (`pnpm bench answers`); undefined where nobody measured it, and then nothing is cut.
   */
  readonly unrelatedBelow?: number;
  embed(texts: string[], purpose: EmbeddingPurpose): Promise<EmbeddingResult>;
}

/**
 * Zero-pads a vector to the column size. Cosine similarity is unchanged: padding adds nothing to
 * the dot product or to either norm.
 */
export function padVector(vector: number[], dimensions = EMBEDDING_DIMENSIONS): number[] {
  if (vector.length === dimensions) return vector;
  if (vector.length > dimensions) {
    throw new AppError(
      'UNAVAILABLE',
      `The embedding model returned ${vector.length} dimensions; at most ${dimensions} fit.`,
    );
  }
  const padded = new Array<number>(dimensions).fill(0);
  for (let i = 0; i < vector.length; i++) padded[i] = vector[i]!;
  return padded;
}

/** Runs `embed` over batches, keeping order and summing token counts. */
export async function embedInBatches(
  texts: string[],
  batchSize: number,
  embedBatch: (batch: string[]) => Promise<EmbeddingResult>,
  onBatch?: (done: number, total: number) => void | Promise<void>,
): Promise<EmbeddingResult> {
  const vectors: number[][] = [];
  let tokens = 0;
  for (let i = 0; i < texts.length; i += batchSize) {
    const result = await embedBatch(texts.slice(i, i + batchSize));
    vectors.push(...result.vectors);
    tokens += result.tokens;
    await onBatch?.(vectors.length, texts.length);
  }
  return { vectors, tokens };
}
