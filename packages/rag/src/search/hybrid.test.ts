import { connectPostgres, knowledgeChunks, knowledgeDocuments, type Tx } from '@platform/db';
import { createTestDatabase, type TestDatabase } from '@platform/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalEmbeddingProvider, padVector } from '../embeddings';
import { ingestDocument, insertDocument } from '../ingestion';
import { createTestTenant, fixedEmbedder, randomUnitVector, seededRandom } from '../testing';
import { FUSION_DEFAULTS, hybridSearch, rowsOf, scopeFilter, vectorCandidates } from './hybrid';
import { nothingRelated } from './unrelated';

const local = createLocalEmbeddingProvider();
const chunking = { chunkSize: 200, overlap: 20 };

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

async function addDocs(
  tenantId: string,
  docs: Array<{ title: string; content: string; category?: string }>,
) {
  const ids: Record<string, string> = {};
  for (const doc of docs) {
    ids[doc.title] = await insertDocument(
      t.db,
      tenantId,
      { title: doc.title, content: doc.content, metadata: {} },
      { category: doc.category },
    );
    const ingested = await ingestDocument(t.db, tenantId, ids[doc.title]!, {
      embedder: local,
      chunking,
    });
    // A corpus with a document missing would fail its ranking tests for no visible reason.
    expect(ingested, doc.title).toMatchObject({ status: 'ready' });
  }
  return ids;
}

describe('hybrid search on a hand-built corpus with known answers', () => {
  let tenant: string;
  let ids: Record<string, string>;
  beforeAll(async () => {
    tenant = await createTestTenant(t.db, 'Corpus');
    ids = await addDocs(tenant, [
      {
        title: 'Shipping',
        category: 'orders',
        content: 'Standard shipping within the EU takes 2 to 4 working days and costs 4.95 euros.',
      },
      {
        title: 'Returns',
        category: 'orders',
        content:
          'You can return any product within 30 days of delivery for a full refund of your money.',
      },
      {
        title: 'Battery',
        content:
          'The Rocket Skates battery lasts 45 minutes on one charge and recharges in 90 minutes.',
      },
      {
        title: 'Support hours',
        content: 'Our support team answers chat and email Monday to Friday from 8:00 to 20:00.',
      },
      {
        title: 'Payment',
        category: 'orders',
        content:
          'We accept Visa, Mastercard, PayPal and iDEAL. Payment is taken when the order ships.',
      },
      {
        title: 'Privacy',
        content:
          'We never sell your personal data. You can ask us to delete your account at any time.',
      },
      {
        title: 'Error codes',
        content:
          'If the display shows error E-4107, the motor controller overheated; let it cool for ten minutes.',
      },
      {
        title: 'Gift cards',
        content: 'Gift cards are valid for two years and can be used for any product in the shop.',
      },
    ]);
  });

  it.each([
    ['How long does shipping take within the EU?', 'Shipping'],
    ['Can I get my money back?', 'Returns'],
    ['How long can I ride before recharging?', 'Battery'],
    ['When can I chat with someone?', 'Support hours'],
    ['Do you take PayPal?', 'Payment'],
    ['Will you sell my personal data?', 'Privacy'],
    ['What does E-4107 mean?', 'Error codes'],
    ['how long is a gift card valid', 'Gift cards'],
  ])('%s -> %s', async (query, expected) => {
    const { hits, vectorBranch } = await hybridSearch(t.db, tenant, query, {
      embedder: local,
      limit: 3,
    });
    expect(vectorBranch).toBe('used');
    expect(hits[0]!.documentTitle).toBe(expected);
    expect(hits[0]!.documentId).toBe(ids[expected]);
  });

  it.each([
    ['Can I return my skates if they do not fit?', false],
    ['How long does shipping take within the EU?', false],
    ['Do you take PayPal?', false],
    ['How do I bake sourdough bread?', true],
    ['Who won the football world cup in 2014?', true],
    ['What is the best hiking trail in the Alps?', true],
  ])("the local model's similarity floor: %s -> nothing related: %s", async (query, expected) => {
    const { hits } = await hybridSearch(t.db, tenant, query, { embedder: local, limit: 5 });
    expect(nothingRelated(hits, local)).toBe(expected);
  });

  it('reports both ranks and a fused score built from relevance and similarity', async () => {
    const { hits } = await hybridSearch(t.db, tenant, 'PayPal payment', {
      embedder: local,
      limit: 8,
    });
    const top = hits[0]!;
    expect(top).toMatchObject({
      documentTitle: 'Payment',
      vectorRank: 1,
      textRank: 1,
      documentUrl: null,
      position: 0,
    });
    expect(top.similarity).toBeGreaterThan(0.3);
    expect(top.textScore).toBeGreaterThan(0);
    // "paypal" and "payment" are each in one chunk of ten, so Payment matches every weighted word
    // once: relevance = tf-saturated share, below 1 but well above any partial match.
    expect(top.relevance).toBeGreaterThan(0.4);
    expect(top.relevance).toBeLessThanOrEqual(1);
    for (const hit of hits) {
      const expected = hit.relevance + FUSION_DEFAULTS.vectorWeight * hit.similarity!;
      expect(hit.score).toBeCloseTo(expected, 12);
    }
    // Only "Payment" contains both words: every other hit came from the vector branch alone.
    expect(
      hits.slice(1).every((h) => h.textRank === null && h.vectorRank !== null && h.relevance === 0),
    ).toBe(true);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('an exact code found only by the text branch still surfaces through fusion', async () => {
    // Weight the vector branch heavily: the text branch's match must still count.
    const { hits } = await hybridSearch(t.db, tenant, 'E-4107', {
      embedder: local,
      limit: 3,
      vectorWeight: 1,
    });
    const hit = hits.find((h) => h.documentTitle === 'Error codes')!;
    expect(hit.textRank).toBe(1);
  });

  it('ranks every text match, with no cap', async () => {
    // "product" is in Returns and Gift cards.
    const all = await hybridSearch(t.db, tenant, 'product', { embedder: local, limit: 8 });
    expect(all.hits.filter((h) => h.textRank !== null)).toHaveLength(2);
  });

  it('filters by document and by category', async () => {
    const only = await hybridSearch(t.db, tenant, 'money', {
      embedder: local,
      documentIds: [ids.Returns!, ids.Payment!],
      limit: 5,
    });
    expect(new Set(only.hits.map((h) => h.documentTitle))).toEqual(new Set(['Returns', 'Payment']));
    expect(
      (await hybridSearch(t.db, tenant, 'money', { embedder: local, documentIds: [] })).hits,
    ).toEqual([]);
    const orders = await hybridSearch(t.db, tenant, 'How long does it take?', {
      embedder: local,
      category: 'orders',
      limit: 8,
    });
    expect(new Set(orders.hits.map((h) => h.documentTitle))).toEqual(
      new Set(['Shipping', 'Returns', 'Payment']),
    );
  });
});

describe('ranking order of each branch and of the fusion, on a fixed corpus', () => {
  // Vectors chosen per text so the vector branch's order is known: C, B, A, D for the query.
  const vectors: Record<string, number[]> = {
    'The warranty covers the motor for two years.': [1, 1],
    'Motor noise is normal during the first hour.': [1, 0.5],
    'Our skates come with a carrying bag.': [1, 0.1],
    'Warranty claims need the receipt.': [0, 1],
  };
  const embedder = fixedEmbedder(
    (text) => vectors[text] ?? [1, 0],
    'openai/text-embedding-3-small',
  );
  let tenant: string;
  beforeAll(async () => {
    tenant = await createTestTenant(t.db, 'Order');
    const titles = ['A', 'B', 'C', 'D'];
    for (const [i, content] of Object.keys(vectors).entries()) {
      const id = await insertDocument(t.db, tenant, { title: titles[i]!, content, metadata: {} });
      await ingestDocument(t.db, tenant, id, { embedder, chunking });
    }
  });
  const search = async (vectorWeight: number) =>
    (await hybridSearch(t.db, tenant, 'motor warranty', { embedder, limit: 10, vectorWeight }))
      .hits;

  it('text (BM25), vector and fused orders and scores are the expected ones', async () => {
    const hits = await search(0.4);
    const byRank = (key: 'textRank' | 'vectorRank') =>
      hits
        .filter((h) => h[key] !== null)
        .sort((x, y) => x[key]! - y[key]!)
        .map((h) => h.documentTitle);
    // A has both words; D and B one each (equal idf), D is shorter; C has neither.
    expect(byRank('textRank')).toEqual(['A', 'D', 'B']);
    expect(byRank('vectorRank')).toEqual(['C', 'B', 'A', 'D']);
    // By hand: both terms have idf ln 2, the best possible BM25 is 2 * ln 2 * 2.2; A and B have
    // 5 lexemes, C and D 4 (average 4.5), so a matched term's saturation is 2.2 / 2.3 (length 5)
    // or 2.2 / 2.1 (length 4). Relevance: A 2 * (2.2/2.3) / 4.4, D (2.2/2.1) / 4.4, B (2.2/2.3) / 4.4.
    const relevance = Object.fromEntries(hits.map((h) => [h.documentTitle, h.relevance]));
    expect(relevance.A).toBeCloseTo(1 / 2.3, 6);
    expect(relevance.D).toBeCloseTo(0.5 / 2.1, 6);
    expect(relevance.B).toBeCloseTo(0.5 / 2.3, 6);
    expect(relevance.C).toBe(0);
    // Cosines to the query [1, 0]: A 0.707, B 0.894, C 0.995, D 0.
    // Fused (0.4): A 0.435 + 0.283, B 0.217 + 0.358, C 0.398, D 0.238.
    expect(hits.map((h) => h.documentTitle)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('the vector weight decides between the branches', async () => {
    // Weight 0: BM25's order, C (no word) last. Weight 3: C 2.985, B 2.90, A 2.56, D 0.24.
    expect((await search(0)).map((h) => h.documentTitle)).toEqual(['A', 'D', 'B', 'C']);
    expect((await search(3)).map((h) => h.documentTitle)).toEqual(['C', 'B', 'A', 'D']);
  });
});

describe('tenant isolation with interleaved data', () => {
  it("never returns another tenant's chunks, by meaning or by exact words", async () => {
    const a = await createTestTenant(t.db, 'Alpha');
    const b = await createTestTenant(t.db, 'Beta');
    // Interleaved: A, B, A, B... with the same topics and different facts.
    const topics = [
      [
        'Shipping',
        'We ship from Rotterdam in 2 days.',
        'We ship from Lyon in 5 days via Colissimo.',
      ],
      [
        'Returns',
        'Returns are free for 30 days.',
        'Returns cost 6 euros and are accepted for 14 days.',
      ],
      [
        'Warranty',
        'The warranty lasts two years.',
        'The warranty lasts three years, including the zorblax module.',
      ],
    ] as const;
    const docsA: string[] = [];
    const docsB: string[] = [];
    for (const [title, textA, textB] of topics) {
      docsA.push(...Object.values(await addDocs(a, [{ title, content: textA }])));
      docsB.push(...Object.values(await addDocs(b, [{ title, content: textB }])));
    }
    for (const query of [
      'Where do you ship from?',
      'Lyon Colissimo',
      'zorblax',
      'returns cost',
      'warranty three years',
    ]) {
      const resultA = await hybridSearch(t.db, a, query, { embedder: local, limit: 10 });
      expect(resultA.hits.length).toBeGreaterThan(0);
      expect(resultA.hits.every((h) => docsA.includes(h.documentId))).toBe(true);
      expect(resultA.hits.map((h) => h.content).join(' ')).not.toMatch(/Lyon|zorblax|6 euros/);
      const resultB = await hybridSearch(t.db, b, query, { embedder: local, limit: 10 });
      expect(resultB.hits.every((h) => docsB.includes(h.documentId))).toBe(true);
    }
    // B's unique word finds B's chunk for B, nothing textual for A.
    const zorblaxB = await hybridSearch(t.db, b, 'zorblax', { embedder: local });
    expect(zorblaxB.hits[0]).toMatchObject({ textRank: 1, documentTitle: 'Warranty' });
    const zorblaxA = await hybridSearch(t.db, a, 'zorblax', { embedder: local });
    expect(zorblaxA.hits.every((h) => h.textRank === null)).toBe(true);
  });

  it('skips the vector branch, saying why, when the configured model differs from the index', async () => {
    const tenant = await createTestTenant(t.db, 'Mismatch');
    await addDocs(tenant, [{ title: 'Doc', content: 'Rocket Skates ship from Rotterdam.' }]);
    const other = fixedEmbedder(() => [1, 0], 'openai/text-embedding-3-small');
    const result = await hybridSearch(t.db, tenant, 'Rotterdam', { embedder: other });
    expect(result.vectorBranch).toBe('model-mismatch');
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]).toMatchObject({ vectorRank: null, textRank: 1 });
    const empty = await createTestTenant(t.db, 'Empty');
    expect(await hybridSearch(t.db, empty, 'anything', { embedder: local })).toMatchObject({
      hits: [],
      vectorBranch: 'no-chunks',
    });
  });
});

describe('filtered HNSW search returns k rows', () => {
  it("finds a small tenant's nearest chunks although a big tenant crowds the graph near the query", async () => {
    const random = seededRandom(7);
    const dims = 64;
    const pad = (v: number[]) => [...v, ...new Array<number>(1024 - dims).fill(0)];
    const crowd = randomUnitVector(random, dims);
    const near = (center: number[], spread: number) => {
      const v = center.map((x) => x + (random() * 2 - 1) * spread);
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    };
    const small = await createTestTenant(t.db, 'Small');
    const big = await createTestTenant(t.db, 'Big');
    const insertMany = async (tenantId: string, count: number, vector: () => number[]) => {
      const [doc] = await t.db.withTenant(tenantId, (tx) =>
        tx
          .insert(knowledgeDocuments)
          .values({
            tenantId,
            title: 'Synthetic',
            content: 'synthetic',
            metadata: { status: 'ready' },
          })
          .returning(),
      );
      await t.db.withTenant(tenantId, (tx) =>
        tx.insert(knowledgeChunks).values(
          Array.from({ length: count }, (_, i) => ({
            tenantId,
            documentId: doc!.id,
            content: `synthetic chunk ${i}`,
            position: i,
            embedding: pad(vector()),
            metadata: { embeddingModel: 'test/fixed' },
          })),
        ),
      );
    };
    // 30 chunks of the small tenant on the far side of the query, each at its own cosine distance
    // (1.05, 1.08, ... 1.92): farther than the crowd and than anything else in the table (other
    // files' vectors sit near 1), and far enough apart that the true order does not hinge on
    // near-ties, whatever else shares the graph (TEST_DATABASE_URL).
    let step = 0;
    const graded = () => {
      const cos = -0.05 - 0.03 * step++;
      const r = randomUnitVector(random, dims);
      const along = r.reduce((sum, x, i) => sum + x * crowd[i]!, 0);
      const ortho = r.map((x, i) => x - along * crowd[i]!);
      const n = Math.hypot(...ortho);
      const sin = Math.sqrt(1 - cos * cos);
      return crowd.map((x, i) => cos * x + (sin * ortho[i]!) / n);
    };
    // 200 chunks of the big tenant right around the query: more than ef_search (80) reaches.
    // (HNSW inserts are slow on PGlite: counts stay small.)
    await insertMany(big, 200, () => near(crowd, 0.05));
    await insertMany(small, 30, graded);
    await t.raw('analyze knowledge_chunks');
    const exactTop = async (n: number) =>
      (
        await t.raw(
          `select id from knowledge_chunks where tenant_id = $1 order by (embedding <=> $2::vector) + 0 limit $3`,
          [small, `[${pad(crowd).join(',')}]`, n],
        )
      ).map((r) => r.id);

    // End to end: 10 hits, all from the vector branch, exactly the true nearest 10.
    const embedder = fixedEmbedder(() => crowd, 'test/fixed');
    const { hits, vectorBranch } = await hybridSearch(t.db, small, 'no words match this', {
      embedder,
      limit: 10,
    });
    expect(vectorBranch).toBe('used');
    expect(hits.map((h) => h.chunkId)).toEqual(await exactTop(10));
    expect(hits.every((h) => h.vectorRank !== null && h.textRank === null)).toBe(true);

    // Forced through the HNSW graph (what large tenants get), the page is still full and exact.
    // The iterative scan walks on past the crowd, but within a budget (hnsw.max_scan_tuples, scan
    // memory): on a real server, with other files' vectors in the graph, it found none of this
    // far tenant's rows, and hybridSearch fell back to an exact scan of the tenant.
    const viaGraph = await hybridSearch(t.db, small, 'no words match this', {
      embedder,
      limit: 10,
      exactScanBelow: 1,
    });
    expect(viaGraph.hits.map((h) => h.chunkId)).toEqual(await exactTop(10));

    // The case is the one above: the walk uses the index, and without the iterative scan it
    // meets only other rows than the small tenant's, so the page comes back short.
    const result = await t.db.withTenant(small, async (tx) => {
      const literal = `[${pad(crowd).join(',')}]`;
      // SET LOCAL, not set_config(): Citus passes only SET LOCAL on to the workers.
      await tx.execute(sql`set local enable_sort = off`);
      // Literals, not bound parameters: Citus cannot EXPLAIN a parameterized router query on a
      // worker. Both are ours: a generated tenant id (checked) and a vector of numbers.
      expect(small).toMatch(/^[0-9a-f-]{36}$/);
      const plan = rowsOf<Record<string, string>>(
        await tx.execute(
          sql.raw(
            `explain select id from knowledge_chunks c where c.tenant_id = '${small}' order by c.embedding <=> '${literal}'::vector limit 40`,
          ),
        ),
      )
        .map((r) => Object.values(r)[0])
        .join('\n');
      await tx.execute(sql`set local hnsw.ef_search = 80`);
      await tx.execute(sql`set local hnsw.iterative_scan = off`);
      const plain = rowsOf<{ id: string }>(
        await tx.execute(
          sql`select id from knowledge_chunks c where c.tenant_id = ${small} order by c.embedding <=> ${literal}::vector limit 20`,
        ),
      );
      return { plan, plain };
    });
    expect(result.plan).toContain('knowledge_chunk_embedding_idx');
    // On Citus every shard has its own graph: crowded only if both tenants share a shard.
    if (await sameGraph(small, big)) expect(result.plain.length).toBeLessThan(10);
  });
});

describe('vector search settings', () => {
  it('hold for the search transaction only: the connection is left as it was', async () => {
    // One connection, so every transaction below runs on the session the search ran on.
    const db = connectPostgres(t.url, { max: 1 });
    try {
      const tenant = await createTestTenant(db, 'Settings');
      const embedder = fixedEmbedder(() => [1, 0], 'openai/text-embedding-3-small');
      const id = await insertDocument(db, tenant, { title: 'S', content: 'motor', metadata: {} });
      expect(await ingestDocument(db, tenant, id, { embedder, chunking })).toMatchObject({
        status: 'ready',
      });
      const settings = async (tx: Tx) => {
        await tx.execute(sql`select '[1]'::vector`); // loads pgvector, which defines hnsw.*
        return rowsOf<Record<string, string>>(
          await tx.execute(sql`select current_setting('jit') as jit,
            current_setting('enable_sort') as sort,
            current_setting('hnsw.ef_search') as ef,
            current_setting('hnsw.iterative_scan') as iterative`),
        )[0];
      };
      const before = await db.withTenant(tenant, settings);
      const during = await db.withTenant(tenant, async (tx) => {
        await vectorCandidates(tx, padVector([1, 0]), scopeFilter(tenant), 5, 123, 'hnsw');
        return settings(tx);
      });
      expect(during).toEqual({ jit: 'off', sort: 'on', ef: '123', iterative: 'relaxed_order' });
      const search = await hybridSearch(db, tenant, 'motor', { embedder, exactScanBelow: 1 });
      expect(search.hits).toHaveLength(1);
      expect(await db.withTenant(tenant, settings)).toEqual(before);
      expect(before).not.toEqual(during);
    } finally {
      await db.close();
    }
  });
});

/** Whether two tenants' chunks share one HNSW graph: always on one server, per shard on Citus. */
async function sameGraph(a: string, b: string): Promise<boolean> {
  const [citus] = await t.raw(
    `select exists (select 1 from pg_extension where extname = 'citus') as on`,
  );
  if (!citus?.on) return true;
  const [row] = await t.raw(
    `select get_shard_id_for_distribution_column('knowledge_chunks', $1::uuid)
          = get_shard_id_for_distribution_column('knowledge_chunks', $2::uuid) as same`,
    [a, b],
  );
  return Boolean(row?.same);
}
