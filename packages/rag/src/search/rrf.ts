export interface RankedList {
  /** Ids, best first. */
  ids: string[];
  weight: number;
}

export interface FusedItem {
  id: string;
  score: number;
  /** 1-based rank in each list (same order as the input lists), null when absent from it. */
  ranks: Array<number | null>;
}

/**
 * Weighted Reciprocal Rank Fusion: score(d) = sum over lists of weight / (k + rank(d)).
 * It uses ranks only, so a cosine distance and a ts_rank_cd score (different, unbounded scales)
 * never need to be made comparable. k = 60 is the value from the original RRF paper.
 * Ties go to the item with the better best rank, then to list order, so results are stable.
 */
export function reciprocalRankFusion(lists: RankedList[], k = 60): FusedItem[] {
  const items = new Map<string, FusedItem>();
  lists.forEach((list, listIndex) => {
    list.ids.forEach((id, i) => {
      let item = items.get(id);
      if (!item) {
        item = { id, score: 0, ranks: lists.map(() => null) };
        items.set(id, item);
      }
      if (item.ranks[listIndex] !== null) return; // duplicates: the first (best) rank counts
      item.ranks[listIndex] = i + 1;
      item.score += list.weight / (k + i + 1);
    });
  });
  const best = (item: FusedItem) => Math.min(...item.ranks.map((r) => r ?? Infinity));
  return [...items.values()].sort((a, b) => b.score - a.score || best(a) - best(b));
}
