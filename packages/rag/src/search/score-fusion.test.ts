import { describe, expect, it } from 'vitest';
import { fuseScores } from './score-fusion';

describe('fuseScores', () => {
  it('adds the BM25 share of the best possible score to the weighted similarity', () => {
    const fused = fuseScores(
      [
        { id: 'both', bm25: 2, similarity: 0.5 },
        { id: 'text', bm25: 3, similarity: 0.1 },
      ],
      [
        { id: 'vector', similarity: 0.9 },
        { id: 'both', similarity: 0.5 },
      ],
      4,
      0.5,
    );
    // text 0.75 + 0.05, both 0.5 + 0.25, vector 0 + 0.45.
    expect(fused.map((f) => [f.id, f.score])).toEqual([
      ['text', 0.8],
      ['both', 0.75],
      ['vector', 0.45],
    ]);
    expect(fused[1]).toMatchObject({ relevance: 0.5, textRank: 1, vectorRank: 2 });
    expect(fused[2]).toMatchObject({ relevance: 0, textRank: null, vectorRank: 1 });
  });

  it('a text hit without a known similarity (no vector branch) scores its relevance alone', () => {
    const fused = fuseScores([{ id: 'a', bm25: 1, similarity: null }], [], 2, 0.4);
    expect(fused).toEqual([
      { id: 'a', score: 0.5, relevance: 0.5, similarity: null, textRank: 1, vectorRank: null },
    ]);
  });

  it('breaks ties by text rank, then vector rank, so results are stable', () => {
    const fused = fuseScores(
      [
        { id: 'b', bm25: 1, similarity: 0 },
        { id: 'a', bm25: 1, similarity: 0 },
      ],
      [
        { id: 'd', similarity: 0 },
        { id: 'c', similarity: 0 },
      ],
      1,
      1,
    );
    expect(fused.map((f) => f.id)).toEqual(['b', 'a', 'd', 'c']);
  });

  it('a query with no matchable word (best possible 0) ranks by similarity', () => {
    const fused = fuseScores([], [{ id: 'x', similarity: 0.3 }], 0, 0.4);
    expect(fused[0]).toMatchObject({ id: 'x', relevance: 0 });
    expect(fused[0]!.score).toBeCloseTo(0.12, 12);
  });
});
