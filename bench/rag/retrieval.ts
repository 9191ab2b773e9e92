import { randomUUID } from 'node:crypto';
import {
  connectPostgres,
  createTenantWithOwner,
  recountChunkStatistics,
  type Database,
} from '@platform/db';
import {
  bm25Candidates,
  hybridSearch,
  padVector,
  queryTerms,
  scopeFilter,
  vectorCandidates,
} from '@platform/rag';
import { fixedEmbedder, seededRandom } from '@platform/rag/testing';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openBenchTarget } from '../src/db/target';
import { percentile } from '../src/stats';
import { ragBenchEnv } from './env';

type Sql = postgres.Sql;

const DIMS = 512; // the offline model's size; zero-padded to the 1024-d column like real chunks
const CLUSTERS = 200;
const SPREAD = 0.35; // noise per dimension around a cluster centre
/** A 5,000-word synthetic vocabulary drawn Zipf-like (log-uniform ranks), as words are in text. */
const VOCABULARY = 5_000;
const WORDS = Array.from({ length: VOCABULARY }, (_, i) => {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'po', 'da', 'fu'];
  let word = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / 12)) word += syllables[n % 12];
  return `${word}x`;
});
const LIMIT = 10;
const EF_SEARCH = [80, 200, 400];

const ms = (v: number) => `${v.toFixed(1)} ms`;

/**
 * Retrieval at N chunks in one tenant among several: p50/p95 of the HNSW vector branch and of the
 * whole hybrid search (query embedding excluded: a fixed vector), and recall@10 of the vector
 * branch against an exact scan. Synthetic clustered vectors and word-salad text, generated in SQL.
 */
export async function runRetrievalBench(): Promise<void> {
  for (const size of ragBenchEnv.sizes) {
    const target = await openBenchTarget();
    const db = connectPostgres(target.appUrl, { max: 4 });
    const admin = postgres(target.url, { max: 1, prepare: false, onnotice: () => {} });
    try {
      await benchSize(db, admin, size, target.label);
    } finally {
      await db.close();
      await admin.end({ timeout: 5 });
      await target.stop();
    }
  }
}

async function benchSize(db: Database, admin: Sql, size: number, label: string) {
  const random = seededRandom(size);
  const centres = Array.from({ length: CLUSTERS }, () =>
    Array.from({ length: DIMS }, () => random() * 2 - 1),
  );
  const tenants: string[] = [];
  for (let i = 0; i <= ragBenchEnv.otherTenants; i++) {
    const { tenant } = await createTenantWithOwner(db, {
      tenantName: `RAG bench ${i}`,
      email: `rag-bench-${randomUUID()}@bench.test`,
    });
    tenants.push(tenant.id);
  }
  const measured = tenants[0]!;
  const others = tenants.slice(1);
  const otherSize = Math.ceil((ragBenchEnv.otherChunks ?? Math.min(size, 30_000)) / others.length);

  // Bulk load: drop the HNSW index, insert in SQL, rebuild it once (an incremental HNSW insert
  // per row is far slower on PGlite). The index is restored from its own definition.
  const [index] = await admin.unsafe<Array<{ indexdef: string }>>(
    `select indexdef from pg_indexes where indexname = 'knowledge_chunk_embedding_idx'`,
  );
  if (!index) throw new Error('knowledge_chunk_embedding_idx is missing');
  await admin.unsafe('drop index knowledge_chunk_embedding_idx');
  await admin.unsafe('create temporary table bench_centres (id int primary key, v real[])');
  await admin.unsafe(
    'insert into bench_centres select i - 1, v::real[] from unnest($1::text[]) with ordinality as u(v, i)',
    [centres.map((c) => `{${c.join(',')}}`)],
  );
  const loadStart = performance.now();
  // Interleave tenants in chunks of rows so no tenant sits in one contiguous block.
  const plan = [...others.map((t) => [t, otherSize] as const), [measured, size] as const];
  for (const [tenantId, count] of plan) {
    const [doc] = await admin.unsafe<Array<{ id: string }>>(
      `insert into knowledge_documents (tenant_id, title, content, metadata)
       values ($1, 'Synthetic corpus', 'synthetic', '{"status":"ready","embeddingModel":"bench/synthetic"}') returning id`,
      [tenantId],
    );
    for (let from = 0; from < count; from += 5_000) {
      await admin.unsafe(
        `insert into knowledge_chunks (tenant_id, document_id, content, position, embedding, metadata)
         select $1::uuid, $2::uuid,
                (select string_agg(($3::text[])[least(${VOCABULARY}, floor(exp(random() * ln(${VOCABULARY})))::int)], ' ')
                   from generate_series(1, 60) where g > -1),
                g,
                array_cat(
                  array(select c.v[j] + (random()::real - 0.5) * $6::real from generate_series(1, ${DIMS}) j),
                  array_fill(0::real, array[${1024 - DIMS}]))::vector,
                '{"embeddingModel":"bench/synthetic"}'
         from generate_series($4::int, $5::int) g
         join bench_centres c on c.id = g % ${CLUSTERS}`,
        [tenantId, doc!.id, WORDS, from, Math.min(count, from + 5_000) - 1, SPREAD],
      );
    }
  }
  // The SQL load bypassed insertChunks: chunk lengths and BM25 statistics are counted once.
  for (const tenantId of tenants)
    await db.withTenant(tenantId, (tx) => recountChunkStatistics(tx, tenantId));
  const loadMs = performance.now() - loadStart;
  const indexStart = performance.now();
  // The graph must fit in maintenance_work_mem or the build slows down many times (set for this
  // transaction only: the embedded server shares one session between connections). SET LOCAL,
  // with Citus told to pass it on, so the workers building the shards' indexes get it too.
  await admin.begin(async (tx) => {
    await tx.unsafe(`set local citus.propagate_set_commands = 'local'`);
    await tx.unsafe(`set local maintenance_work_mem = '768MB'`);
    await tx.unsafe(index.indexdef);
  });
  const indexMs = performance.now() - indexStart;
  // Steady state: autovacuum would have flushed the GIN pending list and set statistics.
  await admin.unsafe('vacuum analyze knowledge_chunks');
  const total = size + otherSize * others.length;

  const query = () => {
    const centre = centres[Math.floor(random() * CLUSTERS)]!;
    return centre.map((x) => x + (random() - 0.5) * SPREAD);
  };
  // Query words skip the 50 most frequent synthetic words: in English those are stopwords, which
  // to_tsvector drops. The common-word row below measures the worst case anyway.
  const word = (from: number) => WORDS[from + Math.floor(random() * (VOCABULARY - from))]!;
  const words = () => `${word(50)} ${word(50)}`;
  const commonWords = () =>
    `${WORDS[Math.floor(random() * 5)]!} ${WORDS[Math.floor(random() * 5)]!}`;

  // The plan of the vector branch as hybridSearch runs it for a tenant this size (HNSW walk).
  const planText = await db.withTenant(measured, async (tx) => {
    const literal = `[${padVector(query()).join(',')}]`;
    // SET LOCAL reaches Citus workers (set_config does not). Literals, not bound parameters:
    // Citus cannot EXPLAIN a parameterized router query on a worker; both are ours (a generated
    // tenant id, checked, and numbers).
    await tx.execute(sql`set local enable_sort = off`);
    if (!/^[0-9a-f-]{36}$/.test(measured)) throw new Error(`not a uuid: ${measured}`);
    const rows = (await tx.execute(
      sql.raw(
        `explain select id from knowledge_chunks c where c.tenant_id = '${measured}' order by c.embedding <=> '${literal}'::vector limit 40`,
      ),
    )) as unknown as Array<Record<string, string>>;
    return rows
      .map((r) =>
        String(Object.values(r)[0])
          .replace(/'\[[^\]]*\]'/g, "'[…]'")
          .trim(),
      )
      .filter(
        (line) =>
          !line.startsWith('One-Time') &&
          !line.startsWith('InitPlan') &&
          !line.startsWith('->  Result'),
      )
      .join(' | ');
  });

  // Vector branch per ef_search: latency over `queries`, recall@10 against an exact scan over
  // `recallQueries` (the same queries for every setting). hybridSearch's default is 80 for limit 10.
  const recallSet = Array.from({ length: ragBenchEnv.recallQueries }, () => query());
  const exactMs: number[] = [];
  const truths: Array<Set<string>> = [];
  for (const v of recallSet) {
    const start = performance.now();
    const exact = await admin.unsafe<Array<{ id: string }>>(
      `select id from knowledge_chunks where tenant_id = $1 order by (embedding <=> $2::vector) + 0 limit ${LIMIT}`,
      [measured, `[${padVector(v).join(',')}]`],
    );
    exactMs.push(performance.now() - start);
    truths.push(new Set(exact.map((r) => r.id)));
  }
  for (let i = 0; i < 20; i++) await vectorBranch(db, measured, query(), 80); // warm up
  const vectorRows: string[] = [];
  for (const ef of EF_SEARCH) {
    const times: number[] = [];
    for (let i = 0; i < ragBenchEnv.queries; i++) {
      const v = query();
      const start = performance.now();
      await vectorBranch(db, measured, v, ef);
      times.push(performance.now() - start);
    }
    let found = 0;
    for (const [i, v] of recallSet.entries()) {
      const approx = (await vectorBranch(db, measured, v, ef)).slice(0, LIMIT).map((c) => c.id);
      found += approx.filter((id) => truths[i]!.has(id)).length;
    }
    const recall = found / (recallSet.length * LIMIT);
    vectorRows.push(
      `| vector branch, HNSW walk, ef_search ${ef}${ef === 80 ? ' (default)' : ''} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${recall.toFixed(3)} |`,
    );
  }

  // Whole hybrid search (query embedding excluded: a fixed vector) and the text branch alone.
  const hybridMs: number[] = [];
  const commonMs: number[] = [];
  const textMs: number[] = [];
  const textWithSimilarityMs: number[] = [];
  const text = (q: string, vector?: number[]) =>
    db.withTenant(measured, async (tx) =>
      bm25Candidates(
        tx,
        await queryTerms(tx, measured, q),
        { tenantId: measured },
        LIMIT * 4,
        undefined,
        vector && padVector(vector),
      ),
    );
  for (let i = 0; i < ragBenchEnv.hybridQueries; i++) {
    const v = query();
    const embedder = fixedEmbedder(() => v, 'bench/synthetic');
    const q = words();
    // Alternating which goes first, so a busy machine weighs on both the same.
    for (const withSimilarity of i % 2 ? [false, true] : [true, false]) {
      const start = performance.now();
      await text(q, withSimilarity ? v : undefined);
      (withSimilarity ? textWithSimilarityMs : textMs).push(performance.now() - start);
    }
    let start = performance.now();
    await hybridSearch(db, measured, q, { embedder, limit: LIMIT });
    hybridMs.push(performance.now() - start);
    start = performance.now();
    await hybridSearch(db, measured, commonWords(), { embedder, limit: LIMIT });
    commonMs.push(performance.now() - start);
  }
  await admin.unsafe('drop table bench_centres');

  console.log(
    `\n## Retrieval: ${size.toLocaleString('en')} chunks in one tenant (${total.toLocaleString('en')} in ${tenants.length} tenants), ${label}`,
  );
  console.log(
    `load ${(loadMs / 1000).toFixed(1)} s, HNSW build ${(indexMs / 1000).toFixed(1)} s (m=16, ef_construction=64, ${DIMS}-d padded to 1024)`,
  );
  console.log(`plan: ${planText}`);
  console.log(`| query (limit ${LIMIT}) | p50 | p95 | recall@${LIMIT} vs exact |`);
  console.log('| --- | --- | --- | --- |');
  for (const line of vectorRows) console.log(line);
  const row = (name: string, values: number[], note = '') =>
    console.log(
      `| ${name} | ${ms(percentile(values, 50))} | ${ms(percentile(values, 95))} | ${note} |`,
    );
  row('exact scan of the tenant (recall baseline)', exactMs, '1.000');
  row('text branch alone (query terms + BM25 over every match, under RLS)', textMs);
  row(
    "text branch with each hit's cosine similarity (as hybrid search runs it, for score fusion)",
    textWithSimilarityMs,
  );
  row('hybrid search (both branches + score fusion + rows; fixed query vector)', hybridMs);
  row('hybrid search, two of the 5 commonest words (BM25 scores every match)', commonMs);
  console.log(
    `${ragBenchEnv.queries} timed vector queries per setting, ${recallSet.length} recall queries, ${ragBenchEnv.hybridQueries} hybrid queries; targets: p95 <= 25 ms at 100k on a real server, recall >= 0.95`,
  );
}

/** The vector branch as hybridSearch runs it for a large tenant, limit 10 (40 candidates). */
function vectorBranch(db: Database, tenantId: string, vector: number[], efSearch: number) {
  return db.withTenant(tenantId, (tx) =>
    vectorCandidates(tx, padVector(vector), scopeFilter(tenantId), LIMIT * 4, efSearch, 'hnsw'),
  );
}
