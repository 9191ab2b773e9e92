import type { EmbeddingProvider } from '../embeddings';

/**
 * Whether search found nothing about the question: every hit's cosine similarity is below the
 * model's measured floor (`unrelatedBelow`). Word overlap alone cannot tell: an off-topic
 * question shares a word or two with some chunk in most knowledge bases ("return", "battery").
 * False when the model has no measured floor or no hit has a similarity (vector branch skipped).
 */
export function nothingRelated(
  hits: ReadonlyArray<{ similarity: number | null }>,
  embedder: Pick<EmbeddingProvider, 'unrelatedBelow'>,
): boolean {
  const floor = embedder.unrelatedBelow;
  if (floor === undefined) return false;
  const similarities = hits.flatMap((h) => (h.similarity === null ? [] : [h.similarity]));
  return similarities.length > 0 && Math.max(...similarities) < floor;
}
