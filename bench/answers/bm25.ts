import { terms } from '@platform/ai';

export interface Indexed {
  id: string;
  docId: string;
  text: string;
}

/**
 * A plain in-memory BM25 (k1 0.9, b 0.4, Porter2 stems, English stop words): the lexical
 * baseline the product's text branch is measured against, standing in for retrieval here.
 */
export function createBm25(items: Indexed[], k1 = 0.9, b = 0.4) {
  const postings = new Map<string, Array<{ item: number; tf: number }>>();
  const lengths = items.map((item, i) => {
    const all = terms(item.text);
    const tf = new Map<string, number>();
    for (const t of all) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) {
      if (!postings.has(t)) postings.set(t, []);
      postings.get(t)!.push({ item: i, tf: n });
    }
    return all.length;
  });
  const average = lengths.reduce((s, n) => s + n, 0) / Math.max(1, lengths.length);
  const idfOf = (df: number) => Math.log(1 + (items.length - df + 0.5) / (df + 0.5));
  return {
    /**
     * The question's highest possible BM25 (every term at saturation): over the terms the corpus
     * has (as the product's fusion normalises), or over all of them (a word the corpus never
     * uses counts at the highest idf: the question asks about something absent).
     */
    maxPossible(query: string, known: boolean): number {
      return [...new Set(terms(query))]
        .map((t) => postings.get(t)?.length ?? 0)
        .filter((df) => !known || df > 0)
        .reduce((sum, df) => sum + idfOf(df) * (k1 + 1), 0);
    },
    /** The best `k` items for the query with their scores, skipping those `exclude` rejects. */
    scored(query: string, k: number, exclude?: (item: Indexed) => boolean) {
      const scores = new Map<number, number>();
      for (const t of new Set(terms(query))) {
        const list = postings.get(t);
        if (!list) continue;
        const idf = idfOf(list.length);
        for (const { item, tf } of list) {
          const norm = tf + k1 * (1 - b + (b * lengths[item]!) / average);
          scores.set(item, (scores.get(item) ?? 0) + (idf * tf * (k1 + 1)) / norm);
        }
      }
      return [...scores]
        .sort((x, y) => y[1] - x[1])
        .map(([i, score]) => ({ item: items[i]!, score }))
        .filter(({ item }) => !exclude?.(item))
        .slice(0, k);
    },
    /** The best `k` items for the query, skipping those `exclude` rejects. */
    search(query: string, k: number, exclude?: (item: Indexed) => boolean): Indexed[] {
      const scores = new Map<number, number>();
      for (const t of new Set(terms(query))) {
        const list = postings.get(t);
        if (!list) continue;
        const idf = Math.log(1 + (items.length - list.length + 0.5) / (list.length + 0.5));
        for (const { item, tf } of list) {
          const norm = tf + k1 * (1 - b + (b * lengths[item]!) / average);
          scores.set(item, (scores.get(item) ?? 0) + (idf * tf * (k1 + 1)) / norm);
        }
      }
      return [...scores]
        .sort((x, y) => y[1] - x[1])
        .map(([i]) => items[i]!)
        .filter((item) => !exclude?.(item))
        .slice(0, k);
    },
  };
}
