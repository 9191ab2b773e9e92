/**
 * A plain in-memory BM25 over whole documents (Lucene's idf, k1 0.9, b 0.4 as in the issue's
 * baseline): the yardstick the product's ranking is compared with. Terms come in already lexed.
 */
export class Bm25Reference {
  private readonly postings = new Map<string, Array<{ doc: string; tf: number }>>();
  private readonly lengths = new Map<string, number>();
  private averageLength = 0;

  constructor(
    documents: Iterable<{ id: string; terms: Map<string, number> }>,
    private readonly k1 = 0.9,
    private readonly b = 0.4,
  ) {
    let total = 0;
    for (const { id, terms } of documents) {
      let length = 0;
      for (const [term, tf] of terms) {
        length += tf;
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ doc: id, tf });
      }
      this.lengths.set(id, length);
      total += length;
    }
    this.averageLength = this.lengths.size ? total / this.lengths.size : 0;
  }

  /** Document ids, best first (OR over the distinct query terms). */
  rank(terms: Iterable<string>, limit: number): string[] {
    const n = this.lengths.size;
    const scores = new Map<string, number>();
    for (const term of new Set(terms)) {
      const list = this.postings.get(term) ?? [];
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, tf } of list) {
        const norm = 1 - this.b + (this.b * this.lengths.get(doc)!) / this.averageLength;
        scores.set(
          doc,
          (scores.get(doc) ?? 0) + (idf * tf * (this.k1 + 1)) / (tf + this.k1 * norm),
        );
      }
    }
    return [...scores]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, limit)
      .map(([doc]) => doc);
  }
}
