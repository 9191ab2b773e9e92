/** nDCG@k with binary relevance: DCG of the ranking over the DCG of an ideal one. */
export function ndcgAt(
  k: number,
  ranking: readonly string[],
  relevant: ReadonlySet<string>,
): number {
  let dcg = 0;
  ranking.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Share of the relevant documents found in the first k. */
export function recallAt(
  k: number,
  ranking: readonly string[],
  relevant: ReadonlySet<string>,
): number {
  if (relevant.size === 0) return 0;
  return ranking.slice(0, k).filter((id) => relevant.has(id)).length / relevant.size;
}

/** Chunk ranking -> document ranking: a document ranks where its best chunk does. */
export function documentRanking(documentsOfChunks: readonly string[]): string[] {
  return [...new Set(documentsOfChunks)];
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
