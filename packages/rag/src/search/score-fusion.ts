/** A text-branch candidate: its BM25 score and, when the vector branch ran, its cosine similarity. */
export interface TextCandidate {
  id: string;
  bm25: number;
  similarity: number | null;
}

/** A vector-branch candidate: its cosine similarity to the query. */
export interface VectorCandidate {
  id: string;
  similarity: number;
}

export interface ScoredItem {
  id: string;
  /** relevance + vectorWeight * similarity (see fuseScores). */
  score: number;
  /** BM25 over the query's highest possible BM25 score (0-1); 0 when no query word matched. */
  relevance: number;
  similarity: number | null;
  textRank: number | null;
  vectorRank: number | null;
}

/**
 * Score fusion: each chunk scores `bm25 / maxPossible + vectorWeight * cosine`. `maxPossible` is
 * the BM25 a chunk would get with every query term at saturation (sum of idf * (k1 + 1)), so
 * the text part is an absolute 0-1 share of the question's weighted words, comparable between
 * questions, and a question whose words only match weakly does not count as a perfect match
 * (normalising by the best hit would). A chunk of only one branch misses the other part
 * (0 for text; unknown similarity counts 0). Unlike rank fusion, a weak vector model's
 * similarity only moves chunks whose BM25 scores are close, instead of outvoting BM25's order.
 * Ties go to the better text rank, then the better vector rank, then the id.
 */
export function fuseScores(
  text: readonly TextCandidate[],
  vector: readonly VectorCandidate[],
  maxPossible: number,
  vectorWeight: number,
): ScoredItem[] {
  const items = new Map<string, ScoredItem>();
  text.forEach((c, i) => {
    if (items.has(c.id)) return;
    items.set(c.id, {
      id: c.id,
      score: 0,
      relevance: maxPossible > 0 ? c.bm25 / maxPossible : 0,
      similarity: c.similarity,
      textRank: i + 1,
      vectorRank: null,
    });
  });
  vector.forEach((c, i) => {
    const item = items.get(c.id);
    if (item) {
      item.vectorRank ??= i + 1;
      item.similarity ??= c.similarity;
      return;
    }
    items.set(c.id, {
      id: c.id,
      score: 0,
      relevance: 0,
      similarity: c.similarity,
      textRank: null,
      vectorRank: i + 1,
    });
  });
  const rank = (r: number | null) => r ?? Infinity;
  return [...items.values()]
    .map((item) => ({ ...item, score: item.relevance + vectorWeight * (item.similarity ?? 0) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        rank(a.textRank) - rank(b.textRank) ||
        rank(a.vectorRank) - rank(b.vectorRank) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}
