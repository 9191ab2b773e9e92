// EXPLAIN (ANALYZE, BUFFERS) of the vector branch as hybridSearch runs it at 100k (experiment).
import { connectPostgres } from '@platform/db';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { largestTenant } from './largest-tenant';

const url = process.env.PROBE_URL!;
const db = connectPostgres(url, { max: 1 });
const admin = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
const tenant = await largestTenant(admin);
const [{ v } = { v: '' }] = await admin.unsafe<Array<{ v: string }>>(
  'select embedding::text as v from knowledge_chunks where tenant_id = $1 limit 1',
  [tenant],
);
await db.withTenant(tenant, async (tx) => {
  await tx.execute(
    sql.raw(
      'set local hnsw.ef_search = 80; set local hnsw.iterative_scan = relaxed_order; set local enable_sort = off; set local jit = off',
    ),
  );
  for (let i = 0; i < 4; i++) {
    const start = performance.now();
    const rows =
      (await tx.execute(sql`explain (analyze, buffers${process.env.NOTIMING ? sql`, timing off` : sql``})
    with nearest as materialized (
      select c.id, c.embedding <=> ${v}::vector as distance
      from knowledge_chunks c
      where c.tenant_id = ${tenant}
      order by distance
      limit 40
    )
    select id, distance from nearest order by distance, id`)) as unknown as Array<
        Record<string, string>
      >;
    const took = performance.now() - start;
    if (i === 3) console.log(rows.map((r) => String(Object.values(r)[0]).slice(0, 160)).join('\n'));
    console.log(`round trip ${took.toFixed(1)} ms`);
  }
});
await db.close();
await admin.end();
