import type { TextChunk } from '../chunking';
import type { EmbeddingProvider } from '../embeddings';

/**
 * Embeds chunks in batches of `batchSize`, in order, calling `afterBatch` with how many are done
 * (progress for the dashboard). Holds no transaction: callers write the results afterwards.
 */
export async function embedChunks(
  embedder: EmbeddingProvider,
  chunks: readonly TextChunk[],
  batchSize: number,
  afterBatch?: (done: number) => Promise<unknown>,
): Promise<{ vectors: number[][]; tokens: number }> {
  const vectors: number[][] = [];
  let tokens = 0;
  for (let i = 0; i < chunks.length; i += batchSize) {
    const result = await embedder.embed(
      chunks.slice(i, i + batchSize).map((c) => c.content),
      'document',
    );
    vectors.push(...result.vectors);
    tokens += result.tokens;
    await afterBatch?.(vectors.length);
  }
  return { vectors, tokens };
}
