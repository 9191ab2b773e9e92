import { createTestDatabase, type TestDatabase } from '@platform/db/testing';
import { insertChunks } from '@platform/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { padVector } from '../embeddings';
import { insertDocument } from '../ingestion';
import { createTestTenant, seededRandom } from '../testing';
import { bm25Candidates, queryTerms, type Bm25Strategy } from './bm25';
import { scopeFilter } from './hybrid';

/**
 * MaxScore pruning must return exactly what scoring every match returns: same chunks, same
 * scores, ties in the same (id) order. The corpus is skewed as text is: a few words in nearly
 * every chunk, some in a tenth, many in a handful; many chunks are identical, so scores tie.
 */
const COMMON = ['alpha', 'bravo', 'charli'];
const MEDIUM = Array.from({ length: 10 }, (_, i) => `medium${'abcdefghij'[i]}`);
const RARE = Array.from(
  { length: 60 },
  (_, i) => `rare${'abcdefghij'[i % 10]}${'klmnopqrst'[Math.floor(i / 10)]}`,
);
const CHUNKS = 600;

let t: TestDatabase;
let tenant: string;
beforeAll(async () => {
  t = await createTestDatabase();
  tenant = await createTestTenant(t.db, 'Pruning');
  const random = seededRandom(7);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const contents = Array.from({ length: CHUNKS }, (_, i) => {
    // Every third chunk repeats an earlier one: equal content, equal score, order by id.
    if (i % 3 === 2) return `chunk ${Math.floor(i / 3)}`;
    const words: string[] = [];
    for (const word of COMMON)
      if (random() < 0.9) words.push(...Array(1 + Math.floor(random() * 3)).fill(word));
    if (random() < 0.3) words.push(pick(MEDIUM));
    if (random() < 0.15) words.push(...Array(1 + Math.floor(random() * 2)).fill(pick(RARE)));
    for (let filler = Math.floor(random() * 6); filler > 0; filler--) words.push(`filler${filler}`);
    return `chunk ${i} ${words.join(' ')}`;
  });
  // Resolve the repeats to the content they copy (its "chunk n" prefix kept for equal length).
  const resolved = contents.map((c, i) =>
    i % 3 === 2
      ? contents[Math.floor(i / 3) * 3]!.replace(/^chunk \d+/, `chunk ${Math.floor(i / 3) * 3}`)
      : c,
  );
  const documentId = await insertDocument(t.db, tenant, {
    title: 'Skewed',
    content: 'skewed',
    metadata: {},
  });
  await t.db.withTenant(tenant, (tx) =>
    insertChunks(
      tx,
      tenant,
      resolved.map((content, position) => ({
        documentId,
        content,
        position,
        embedding: padVector([1, 0, 0]),
        metadata: { chunkSize: 200, overlapSize: 0, tokenCount: 10, embeddingModel: 'test/fixed' },
      })),
    ),
  );
});
afterAll(() => t.close());

async function search(text: string, count: number, strategy: Bm25Strategy) {
  return t.db.withTenant(tenant, async (tx) =>
    bm25Candidates(
      tx,
      await queryTerms(tx, tenant, text),
      scopeFilter(tenant),
      count,
      undefined,
      undefined,
      strategy,
    ),
  );
}

describe('MaxScore pruning of the BM25 text branch', () => {
  it('returns the same top-k and scores as scoring every match, ties by id', async () => {
    const random = seededRandom(11);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const queries = [
      'alpha bravo charli',
      'alpha',
      `${RARE[0]} alpha bravo`,
      `${MEDIUM[0]} ${MEDIUM[1]} charli`,
      ...Array.from({ length: 20 }, () =>
        [pick(COMMON), pick(COMMON), pick(MEDIUM), pick(RARE), pick(RARE)]
          .slice(Math.floor(random() * 3))
          .join(' '),
      ),
    ];
    let tiedAtTheCut = 0;
    for (const text of queries) {
      for (const count of [1, 3, 10, 40]) {
        const exhaustive = await search(text, count, 'exhaustive');
        expect(exhaustive.length, text).toBeGreaterThan(0);
        const last = exhaustive.at(-1)!.value;
        if (exhaustive.filter((h) => h.value === last).length > 1) tiedAtTheCut++;
        // A small seed forces the second phase; a large one puts every term in the first.
        for (const seedChunks of [1, 50, 200, 10_000]) {
          expect(
            await search(text, count, { seedChunks }),
            `${text} / ${count} / ${seedChunks}`,
          ).toEqual(exhaustive);
        }
      }
    }
    expect(tiedAtTheCut).toBeGreaterThan(0);
  });
});
