import { createTestDatabase, type TestDatabase } from '@platform/db/testing';
import { eq, inArray, sql } from 'drizzle-orm';
import {
  deleteChunks,
  knowledgeDocuments,
  PARTIAL_SEGMENTS_BEFORE_MERGE,
  POSTINGS_PER_SEGMENT,
  recountChunkStatistics,
} from '@platform/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestDocument, insertDocument, reindexTenant } from '../ingestion';
import { createTestTenant, fixedEmbedder } from '../testing';
import { bm25Candidates, orQuery, queryTerms, textArray, type Bm25Parameters } from './bm25';
import { hybridSearch } from './hybrid';
import { rowsOf } from './rows';

// Vectors are irrelevant here: every chunk and query gets the same one.
const embedder = fixedEmbedder(() => [1, 0, 0], 'openai/text-embedding-3-small');
const chunking = { chunkSize: 200, overlap: 0 };
const classic: Bm25Parameters = { k1: 1.2, b: 0.75 };

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

async function addDocs(tenantId: string, contents: Record<string, string>) {
  const ids: Record<string, string> = {};
  for (const [title, content] of Object.entries(contents)) {
    ids[title] = await insertDocument(t.db, tenantId, { title, content, metadata: {} });
    const result = await ingestDocument(t.db, tenantId, ids[title], { embedder, chunking });
    expect(result.status).toBe('ready');
  }
  return ids;
}

/** Text branch alone: [document title, score], best first. */
async function documentsOf(tenantId: string): Promise<string[]> {
  const rows = await t.raw(`select id from knowledge_documents where tenant_id = $1 order by id`, [
    tenantId,
  ]);
  return rows.map((r) => String(r.id));
}

/**
 * The stored postings equal a rebuild from the chunks (every chunk under each of its terms, with
 * its frequency and length), segments hold at most POSTINGS_PER_SEGMENT, and no term has more
 * partial segments than PARTIAL_SEGMENTS_BEFORE_MERGE.
 */
async function expectPostingsMatchChunks(tenantId: string) {
  const stored = await t.raw(
    `select p.term, u.id, u.frequency, u.length
       from knowledge_postings p, unnest(p.chunk_ids, p.frequencies, p.lengths) u(id, frequency, length)
      where p.tenant_id = $1 order by 1, 2`,
    [tenantId],
  );
  const rebuilt = await t.raw(
    `select u.lexeme as term, c.id, cardinality(u.positions)::smallint as frequency,
            c.term_count as length
       from knowledge_chunks c, unnest(c.content_tsv) u where c.tenant_id = $1 order by 1, 2`,
    [tenantId],
  );
  expect(stored).toEqual(rebuilt);
  const [shape] = await t.raw(
    `select coalesce(max(cardinality(chunk_ids)), 0)::int as largest,
            coalesce(min(cardinality(chunk_ids)), 1)::int as smallest,
            coalesce(max(partial), 0)::int as partial
       from knowledge_postings p
       join (select term, count(*) filter (where cardinality(chunk_ids) < $2) as partial
               from knowledge_postings where tenant_id = $1 group by term) s using (term)
      where p.tenant_id = $1`,
    [tenantId, POSTINGS_PER_SEGMENT],
  );
  expect(shape?.largest).toBeLessThanOrEqual(POSTINGS_PER_SEGMENT);
  expect(shape?.smallest).toBeGreaterThan(0);
  expect(shape?.partial).toBeLessThanOrEqual(PARTIAL_SEGMENTS_BEFORE_MERGE);
}

async function textSearch(tenantId: string, text: string, parameters = classic) {
  return t.db.withTenant(tenantId, async (tx) => {
    const terms = await queryTerms(tx, tenantId, text);
    const hits = await bm25Candidates(tx, terms, { tenantId }, 50, parameters);
    const titles = new Map(
      rowsOf<{ id: string; title: string }>(
        await tx.execute(sql`
          select c.id, d.title from knowledge_chunks c join knowledge_documents d on d.id = c.document_id
          where c.tenant_id = ${tenantId}`),
      ).map((r) => [r.id, r.title]),
    );
    return hits.map((h) => [titles.get(h.id)!, h.value] as const);
  });
}

async function termsOf(tenantId: string, text: string) {
  return t.db.withTenant(tenantId, async (tx) =>
    (await queryTerms(tx, tenantId, text)).terms.map((term) => term.term),
  );
}

describe('query terms', () => {
  let tenant: string;
  beforeAll(async () => {
    tenant = await createTestTenant(t.db, 'Terms');
  });

  it("a visitor's punctuation and operator words never change the terms", async () => {
    const plain = await termsOf(tenant, 'battery charger life');
    expect(plain).toEqual(['batteri', 'charger', 'life']);
    for (const variant of [
      '"battery charger" life',
      '(battery) (charger life)',
      'battery or charger or life',
      'battery OR charger AND life',
      '-battery charger -life',
      'battery-charger life',
      'battery - charger - life!',
      '(+)-battery charger life?',
      "battery's charger & life | !life",
      'battery: charger <-> life',
    ]) {
      expect(await termsOf(tenant, variant), variant).toEqual(plain);
    }
  });

  it('stop words and punctuation alone give no terms, and search says so instead of failing', async () => {
    for (const text of ['what is it?', 'the of and or not', '?!... --- ()', '"\'"\\ & | <->']) {
      expect(await termsOf(tenant, text), text).toEqual([]);
      await expect(hybridSearch(t.db, tenant, text, { embedder })).resolves.toMatchObject({
        hits: [],
        textBranch: 'no-terms',
        terms: [],
      });
    }
  });

  it('quotes and backslashes in a lexeme stay literal in the OR query', () => {
    expect(orQuery(['it', "o'neil", 'a\\b'])).toBe("'it' | 'o''neil' | 'a\\\\b'");
  });

  it('quotes, backslashes, commas and braces in a term reach the terms array as they are', async () => {
    const terms = ['it', "o'neil", 'a\\b', 'say "hi"', 'x,y', '{z}', 'NULL'];
    const [row] = rowsOf<{ terms: string[] }>(
      await t.db.withTenant(tenant, (tx) =>
        tx.execute(sql`select ${textArray(terms)}::text[] as terms`),
      ),
    );
    expect(row!.terms).toEqual(terms);
  });
});

describe('BM25 scores on a 5-document corpus, computed by hand', () => {
  let tenant: string;
  beforeAll(async () => {
    tenant = await createTestTenant(t.db, 'Fruit');
    // Lexemes (english stemmer) and lengths: appl banana (2) / appl appl cherri (3) /
    // banana cherri date (3) / cherri (1) / date date date elder (4). N = 5, avgdl = 13/5 = 2.6.
    await addDocs(tenant, {
      d1: 'apple banana',
      d2: 'apple apple cherry',
      d3: 'banana cherry date',
      d4: 'cherry',
      d5: 'date date date elder',
    });
  });

  it('matches the formula with k1 1.2, b 0.75', async () => {
    // idf(appl) = ln(1 + (5 - 2 + 0.5) / (2 + 0.5)) = ln 2.4 = 0.875469
    // d2: tf 2, dl 3: 0.875469 * 2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 3 / 2.6)) = 3.852064 / 3.338462 = 1.153844
    // d1: tf 1, dl 2: 0.875469 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 2 / 2.6)) = 1.926032 / 1.992308 = 0.966734
    const apple = await textSearch(tenant, 'apple');
    expect(apple.map(([title]) => title)).toEqual(['d2', 'd1']);
    expect(apple[0]![1]).toBeCloseTo(1.153844, 5);
    expect(apple[1]![1]).toBeCloseTo(0.966734, 5);

    // idf(date) = idf(appl) (df 2); idf(elder) = ln(1 + 4.5 / 1.5) = ln 4 = 1.386294
    // d5: tf(date) 3, dl 4: 0.875469 * 3 * 2.2 / (3 + 1.2 * (0.25 + 0.75 * 4 / 2.6)) = 5.778095 / 4.684615 = 1.233420
    //     tf(elder) 1:      1.386294 * 2.2 / (1 + 1.2 * 1.403846) = 3.049847 / 2.684615 = 1.136046, sum 2.369466
    // d3: tf(date) 1, dl 3: 0.875469 * 2.2 / (1 + 1.2 * 1.115385) = 1.926032 / 2.338462 = 0.823632
    const dateElder = await textSearch(tenant, 'dates and elders');
    expect(dateElder.map(([title]) => title)).toEqual(['d5', 'd3']);
    expect(dateElder[0]![1]).toBeCloseTo(2.369466, 5);
    expect(dateElder[1]![1]).toBeCloseTo(0.823632, 5);
  });

  it('OR semantics: a chunk with only some of the words is found, more words rank higher', async () => {
    const ranked = await textSearch(tenant, 'Is there a cherry, a banana or a kiwi in it?');
    // No chunk has all three words (kiwi is in none). d3 has two (1.330714); then the rarer
    // banana in d1 (0.966734) before cherry in the short d4 (0.720341) and the longer d2 (0.507082).
    expect(ranked.map(([title]) => title)).toEqual(['d3', 'd1', 'd4', 'd2']);
    expect(ranked.map(([, score]) => score)).toEqual([
      expect.closeTo(1.330714, 5),
      expect.closeTo(0.966734, 5),
      expect.closeTo(0.720341, 5),
      expect.closeTo(0.507082, 5),
    ]);
  });

  it("another tenant's documents change neither the scores nor the ranking", async () => {
    const before = await textSearch(tenant, 'apple cherry elder');
    const other = await createTestTenant(t.db, 'Orchard');
    await addDocs(other, {
      o1: 'apple apple apple',
      o2: 'cherry cherry elder elder',
      o3: 'apple cherry elder and a very long list of other fruit names',
    });
    expect(await textSearch(tenant, 'apple cherry elder')).toEqual(before);
    // The other tenant ranks by its own statistics and sees none of the first tenant's chunks.
    const theirs = await textSearch(other, 'apple cherry elder');
    expect(theirs.map(([title]) => title).sort()).toEqual(['o1', 'o2', 'o3']);
  });
});

describe('ties', () => {
  it('identical chunks score exactly alike and come back in id order', async () => {
    // Float addition is not associative: summed in whatever order a plan delivers a chunk's
    // terms, equal chunks could differ in the last digit and swap places between runs.
    const tenant = await createTestTenant(t.db, 'Ties');
    const copies = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [
        `copy ${i}`,
        'zebra yak xylophone walrus vulture umbrella tiger salmon',
      ]),
    );
    await addDocs(tenant, { ...copies, other: 'zebra yak and some other words entirely' });
    const query = 'salmon tiger umbrella vulture walrus xylophone yak zebra';
    // Under the plan Postgres picks, and with grouping by sort (what it picks for larger inputs),
    // reading the postings (whole tenant) and the chunks (narrowed to documents).
    const documentIds = await documentsOf(tenant);
    for (const plan of ['default', 'sorted groups'] as const) {
      for (const scope of [{ tenantId: tenant }, { tenantId: tenant, documentIds }]) {
        const label = `${plan}, ${scope.documentIds ? 'chunks' : 'postings'}`;
        const hits = await t.db.withTenant(tenant, async (tx) => {
          if (plan === 'sorted groups') await tx.execute(sql`set local enable_hashagg = off`);
          return bm25Candidates(tx, await queryTerms(tx, tenant, query), scope, 50);
        });
        const tied = hits.filter((h) => h.value === hits[0]!.value);
        expect(tied, label).toHaveLength(40);
        expect(
          tied.map((h) => h.id),
          label,
        ).toEqual(tied.map((h) => h.id).sort());
      }
    }
  });
});

describe('postings', () => {
  it('give the same ids and scores as reading the chunks, after ingesting, re-indexing and deleting', async () => {
    const tenant = await createTestTenant(t.db, 'Postings');
    // One document at a time: common terms get a segment per document until they are merged.
    const words = ['returns', 'shipping', 'battery', 'charger', 'warranty', 'skates', 'wheels'];
    const contents = Object.fromEntries(
      Array.from({ length: 3 * PARTIAL_SEGMENTS_BEFORE_MERGE }, (_, i) => [
        `doc ${i}`,
        `Returns policy ${i}: ${words[i % words.length]} and ${words[(i * 3) % words.length]} ` +
          `${'returns '.repeat(i % 4)}within ${i} days.`,
      ]),
    );
    const ids = await addDocs(tenant, contents);
    const queries = [
      'returns',
      'battery charger warranty',
      'shipping skates wheels days',
      'policy returns within days',
    ];
    const compare = async (label: string) => {
      await expectPostingsMatchChunks(tenant);
      const documentIds = await documentsOf(tenant);
      for (const query of queries) {
        const [postings, chunks] = await t.db.withTenant(tenant, async (tx) => {
          const terms = await queryTerms(tx, tenant, query);
          return [
            await bm25Candidates(tx, terms, { tenantId: tenant }, 100),
            await bm25Candidates(tx, terms, { tenantId: tenant, documentIds }, 100),
          ];
        });
        expect(postings.length, `${label}: ${query}`).toBeGreaterThan(0);
        expect(postings, `${label}: ${query}`).toEqual(chunks);
      }
    };
    await compare('ingested');
    const [merged] = await t.raw(
      `select count(*)::int as segments from knowledge_postings where tenant_id = $1 and term = 'return'`,
      [tenant],
    );
    // 24 single-document segments of 'return' merged at the 9th partial one.
    expect(merged?.segments).toBeLessThanOrEqual(PARTIAL_SEGMENTS_BEFORE_MERGE);
    await t.db.withTenant(tenant, (tx) =>
      tx
        .update(knowledgeDocuments)
        .set({ content: 'Returns of skates cost six euros.' })
        .where(eq(knowledgeDocuments.id, ids['doc 3']!)),
    );
    await ingestDocument(t.db, tenant, ids['doc 3']!, { embedder, chunking });
    await compare('re-ingested');
    await t.db.withTenant(tenant, async (tx) => {
      await deleteChunks(tx, tenant, { documentIds: [ids['doc 0']!, ids['doc 5']!] });
      await tx
        .delete(knowledgeDocuments)
        .where(inArray(knowledgeDocuments.id, [ids['doc 0']!, ids['doc 5']!]));
    });
    await compare('deleted');
    await reindexTenant(t.db, tenant, { embedder, chunking });
    await compare('re-indexed');
    await t.db.withTenant(tenant, (tx) => recountChunkStatistics(tx, tenant));
    await compare('recounted');
  });
});

describe('statistics follow every write', () => {
  it('stay equal to a recount after ingesting, re-indexing and deleting', async () => {
    const tenant = await createTestTenant(t.db, 'Recount');
    const ids = await addDocs(tenant, {
      a: 'Returns are accepted within thirty days of delivery.',
      b: 'Shipping takes two to four days within the EU. Returns are free.',
      c: 'The battery lasts forty-five minutes.',
    });
    const recount = async () => {
      const stored = await t.raw(
        `select term, chunks from knowledge_term_stats where tenant_id = $1 order by term`,
        [tenant],
      );
      const counted = await t.raw(
        `select u.lexeme as term, count(*)::int as chunks
           from knowledge_chunks c, unnest(c.content_tsv) u where c.tenant_id = $1
          group by 1 order by 1`,
        [tenant],
      );
      expect(stored).toEqual(counted);
      const [corpus] = await t.raw(
        `select chunks, terms::int as terms from knowledge_corpus_stats where tenant_id = $1`,
        [tenant],
      );
      const [actual] = await t.raw(
        `select count(*)::int as chunks, coalesce(sum(term_count), 0)::int as terms
           from knowledge_chunks where tenant_id = $1`,
        [tenant],
      );
      expect(corpus).toEqual(actual);
      await expectPostingsMatchChunks(tenant);
      return stored.length;
    };
    expect(await recount()).toBeGreaterThan(5);
    // The document length is the number of lexeme occurrences, stop words out.
    const [length] = await t.raw(`select term_count from knowledge_chunks where document_id = $1`, [
      ids.c,
    ]);
    // batteri, last, forty-f (the compound), forti, five, minut ("The" is a stop word).
    expect(length?.term_count).toBe(6);
    await t.db.withTenant(tenant, (tx) =>
      tx
        .update(knowledgeDocuments)
        .set({ content: 'Returns cost six euros.' })
        .where(eq(knowledgeDocuments.id, ids.a!)),
    );
    await ingestDocument(t.db, tenant, ids.a!, { embedder, chunking });
    await recount();
    // As the API deletes a document: its chunks counted out first, then the row.
    await t.db.withTenant(tenant, async (tx) => {
      await deleteChunks(tx, tenant, { documentIds: [ids.b!] });
      await tx.delete(knowledgeDocuments).where(eq(knowledgeDocuments.id, ids.b!));
    });
    await recount();
    // Re-indexing the whole tenant replaces every chunk in one transaction.
    const reindexed = await reindexTenant(t.db, tenant, { embedder, chunking });
    expect(reindexed.documents).toBe(2);
    expect(await recount()).toBeGreaterThan(5);
    const terms = await termsOf(tenant, 'shipping');
    expect(terms).toEqual(['ship']);
    const shipping = await t.db.withTenant(tenant, (tx) => queryTerms(tx, tenant, 'shipping'));
    expect(shipping.terms[0]?.chunks).toBe(0);
  });

  it('a recount rebuilds them after a bulk load that bypassed the write path', async () => {
    const tenant = await createTestTenant(t.db, 'Bulk');
    const ids = await addDocs(tenant, { c: 'The battery lasts forty-five minutes.' });
    const before = await t.raw(
      `select term, chunks from knowledge_term_stats where tenant_id = $1 order by term`,
      [tenant],
    );
    // As after an SQL bulk load: no statistics, no lengths.
    await t.raw('delete from knowledge_term_stats where tenant_id = $1', [tenant]);
    await t.raw('delete from knowledge_corpus_stats where tenant_id = $1', [tenant]);
    await t.raw('delete from knowledge_postings where tenant_id = $1', [tenant]);
    await t.raw('update knowledge_chunks set term_count = 0 where tenant_id = $1', [tenant]);
    await t.db.withTenant(tenant, (tx) => recountChunkStatistics(tx, tenant));
    expect(
      await t.raw(
        `select term, chunks from knowledge_term_stats where tenant_id = $1 order by term`,
        [tenant],
      ),
    ).toEqual(before);
    expect(
      await t.raw(
        `select chunks, terms::int as terms from knowledge_corpus_stats where tenant_id = $1`,
        [tenant],
      ),
    ).toEqual([{ chunks: 1, terms: 6 }]);
    const [length] = await t.raw(`select term_count from knowledge_chunks where document_id = $1`, [
      ids.c,
    ]);
    expect(length?.term_count).toBe(6);
    await expectPostingsMatchChunks(tenant);
  });
});
