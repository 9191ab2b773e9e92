import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from './rrf';

describe('reciprocalRankFusion', () => {
  it('adds weight / (k + rank) over the lists, ranks only', () => {
    const fused = reciprocalRankFusion(
      [
        { ids: ['a', 'b', 'c'], weight: 1 },
        { ids: ['c', 'd'], weight: 1 },
      ],
      60,
    );
    expect(fused.map((f) => f.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(fused[0]).toEqual({ id: 'c', score: 1 / 63 + 1 / 61, ranks: [3, 1] });
    expect(fused[3]).toEqual({ id: 'd', score: 1 / 62, ranks: [null, 2] });
  });

  it('lets a heavier list win', () => {
    const fused = reciprocalRankFusion(
      [
        { ids: ['a', 'b', 'c'], weight: 1 },
        { ids: ['c', 'd'], weight: 2 },
      ],
      60,
    );
    expect(fused.map((f) => f.id)).toEqual(['c', 'd', 'a', 'b']);
  });

  it('a smaller k favours the top ranks more', () => {
    const lists = [
      { ids: ['x', 'both'], weight: 1 },
      { ids: ['y', 'both'], weight: 1 },
    ];
    // k = 60: being second in both lists beats being first in one.
    expect(reciprocalRankFusion(lists, 60)[0]!.id).toBe('both');
    // k = 0: 1/1 > 1/2 + 1/2 is false (equal); first-in-one ties and wins on its better best rank.
    expect(reciprocalRankFusion(lists, 0).map((f) => f.id)).toEqual(['x', 'y', 'both']);
  });

  it('counts an id once per list and handles empty lists', () => {
    expect(
      reciprocalRankFusion(
        [
          { ids: ['a', 'a'], weight: 1 },
          { ids: [], weight: 1 },
        ],
        60,
      ),
    ).toEqual([{ id: 'a', score: 1 / 61, ranks: [1, null] }]);
  });
});
