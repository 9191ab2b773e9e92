// Where the vector branch's time goes on the embedded server (experiment).
import { connectPostgres } from '@platform/db';
import { scopeFilter, vectorCandidates } from '@platform/rag';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { percentile } from '../../src/stats';
import { largestTenant } from './largest-tenant';

const url = process.env.PROBE_URL!;
const db = connectPostgres(url, { max: 1 });
const admin = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
const tenant = await largestTenant(admin);
const vectors = (
  (await admin.unsafe(
    'select embedding::text as v from knowledge_chunks where tenant_id = $1 limit 60',
    [tenant],
  )) as unknown as Array<{ v: string }>
).map((r) => JSON.parse(r.v) as number[]);
const t: Record<string, number[]> = {
  empty: [],
  select1: [],
  vparam: [],
  branch: [],
  branchNoTx: [],
  settings: [],
  query: [],
  reset: [],
  tparam: [],
  previousBranch: [],
};
for (let round = 0; round < 2; round++)
  for (const v of vectors) {
    let s = performance.now();
    await db.withTenant(tenant, async () => {});
    if (round) t.empty!.push(performance.now() - s);
    s = performance.now();
    await db.withTenant(tenant, (tx) => tx.execute(sql`select 1`));
    if (round) t.select1!.push(performance.now() - s);
    s = performance.now();
    await db.withTenant(tenant, (tx) =>
      tx.execute(sql`select ${`[${v.join(',')}]`}::vector is null`),
    );
    if (round) t.vparam!.push(performance.now() - s);
    s = performance.now();
    await db.withTenant(tenant, (tx) =>
      tx.execute(sql`select length(${`[${v.join(',')}]`}::text)`),
    );
    if (round) t.tparam!.push(performance.now() - s);
    s = performance.now();
    let inner = 0;
    await db.withTenant(tenant, async (tx) => {
      const s2 = performance.now();
      await vectorCandidates(tx, v, scopeFilter(tenant), 40, 80, 'hnsw');
      inner = performance.now() - s2;
    });
    if (round) {
      t.branch!.push(performance.now() - s);
      t.branchNoTx!.push(inner);
    }
    s = performance.now();
    // The branch before binding the vector once (commit 703f6a5): bound twice, sorts back on awaited.
    await db.withTenant(tenant, async (tx) => {
      const literal = `[${v.join(',')}]`;
      const settings = tx.execute(
        sql.raw(
          'set local hnsw.ef_search = 80; set local hnsw.iterative_scan = relaxed_order; set local enable_sort = off; set local jit = off',
        ),
      );
      await Promise.all([
        settings,
        tx.execute(sql`
    with nearest as materialized (
      select c.id, c.embedding <=> ${literal}::vector as distance
      from knowledge_chunks c
      where c.tenant_id = ${tenant}
      order by c.embedding <=> ${literal}::vector
      limit 40
    )
    select id, distance from nearest order by distance, id`),
      ]);
      await tx.execute(sql.raw('set local enable_sort = on'));
    });
    if (round) t.previousBranch!.push(performance.now() - s);
    await db.withTenant(tenant, async (tx) => {
      let s3 = performance.now();
      await tx.execute(
        sql.raw(
          'set local hnsw.ef_search = 80; set local hnsw.iterative_scan = relaxed_order; set local enable_sort = off; set local jit = off',
        ),
      );
      if (round) t.settings!.push(performance.now() - s3);
      s3 = performance.now();
      const literal = `[${v.join(',')}]`;
      await tx.execute(sql`
    with nearest as materialized (
      select c.id, c.embedding <=> ${literal}::vector as distance
      from knowledge_chunks c
      where c.tenant_id = ${tenant}
      order by distance
      limit 40
    )
    select id, distance from nearest order by distance, id`);
      if (round) t.query!.push(performance.now() - s3);
      s3 = performance.now();
      await tx.execute(sql.raw('set local enable_sort = on'));
      if (round) t.reset!.push(performance.now() - s3);
    });
  }
for (const [k, v] of Object.entries(t))
  console.log(
    k.padEnd(12),
    'p50',
    percentile(v, 50).toFixed(2),
    'p95',
    percentile(v, 95).toFixed(2),
  );
await db.close();
await admin.end();
