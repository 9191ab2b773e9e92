// The vector branch before and after binding the query vector once (experiment): each query
// vector searched by both, in alternating order (the second search of a vector runs warmer).
import { connectPostgres, type Tx } from '@platform/db';
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
  await admin.unsafe<Array<{ v: string }>>(
    'select embedding::text as v from knowledge_chunks where tenant_id = $1 order by random() limit 100',
    [tenant],
  )
).map((r) => JSON.parse(r.v) as number[]);

/** The branch as it was (commit 703f6a5): vector bound twice, sorts back on awaited after. */
async function previous(tx: Tx, v: number[]) {
  const literal = `[${v.join(',')}]`;
  const settings = tx.execute(
    sql.raw(
      'set local hnsw.ef_search = 80; set local hnsw.iterative_scan = relaxed_order; set local enable_sort = off; set local jit = off',
    ),
  );
  const [, rows] = await Promise.all([
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
  return rows;
}

const times = { previous: [] as number[], now: [] as number[] };
for (const [i, v] of vectors.entries()) {
  const order = i % 2 ? (['previous', 'now'] as const) : (['now', 'previous'] as const);
  for (const name of order) {
    const start = performance.now();
    await db.withTenant(tenant, async (tx): Promise<unknown> =>
      name === 'now'
        ? vectorCandidates(tx, v, scopeFilter(tenant), 40, 80, 'hnsw')
        : previous(tx, v),
    );
    times[name].push(performance.now() - start);
  }
}
for (const [name, values] of Object.entries(times))
  console.log(
    `${name.padEnd(10)} p50 ${percentile(values, 50).toFixed(2)} p95 ${percentile(values, 95).toFixed(2)}`,
  );
await db.close();
await admin.end();
