import type { EmbeddingProvider, EmbeddingResult } from '@platform/rag';

/** Distinct questions kept: a few MB of vectors at most. */
const MAX_ENTRIES = 2000;

/** Least recently used first (a Map keeps insertion order; a hit is moved to the end). */
const cache = new Map<string, number[]>();

/**
 * The provider with its query embeddings cached per model and text: visitors ask the same
 * questions again and again, and the local model spends ~25 ms of CPU on each (keyed by the
 * normalised text, see normalizeQuestion). A cached answer
 * reports 0 tokens, since no model was called (nothing to bill). Document embeddings pass through.
 */
export function cachingQueryEmbeddings(inner: EmbeddingProvider): EmbeddingProvider {
  return {
    provider: inner.provider,
    modelId: inner.modelId,
    model: inner.model,
    nativeDimensions: inner.nativeDimensions,
    unrelatedBelow: inner.unrelatedBelow,
    async embed(texts, purpose): Promise<EmbeddingResult> {
      if (purpose !== 'query' || texts.length !== 1) return inner.embed(texts, purpose);
      const key = `${inner.model}\u0000${normalizeQuestion(texts[0]!)}`;
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit);
        return { vectors: [hit], tokens: 0 };
      }
      const result = await inner.embed(texts, purpose);
      const vector = result.vectors[0];
      if (vector) {
        cache.set(key, vector);
        if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      }
      return result;
    },
  };
}

/**
 * The cache key of a question: case, spacing and Unicode form do not change what is asked, so
 * "Where is my parcel?" and "where is  my parcel? " share one embedding.
 */
export function normalizeQuestion(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Laps `embedding` on the turn's timer when the question has been embedded. */
export function timedEmbeddings(
  inner: EmbeddingProvider,
  timer: { lap(phase: string): void } | undefined,
): EmbeddingProvider {
  if (!timer) return inner;
  return {
    provider: inner.provider,
    modelId: inner.modelId,
    model: inner.model,
    nativeDimensions: inner.nativeDimensions,
    unrelatedBelow: inner.unrelatedBelow,
    async embed(texts, purpose) {
      const result = await inner.embed(texts, purpose);
      timer.lap('embedding');
      return result;
    },
  };
}
