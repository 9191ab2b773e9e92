// EXPLAIN ANALYZE of the statements hybridSearch sends for one question (experiment harness):
// PROBE_URL=... pnpm exec tsx rag/probe/explain-hybrid.ts "two words"
import { connectPostgres, rowsOf, type Tx } from '@platform/db';
import { bm25Candidates, queryTerms, scopeFilter, vectorCandidates } from '@platform/rag';
import { sql, type SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { largestTenant } from './largest-tenant';

const url = process.env.PROBE_URL!;
const db = connectPostgres(url, { max: 1 });
const admin = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
const tenant = await largestTenant(admin);
const text = process.argv[2]!;
const vector = Array.from({ length: 1024 }, (_, i) => (i < 512 ? Math.sin(i) * 0.3 : 0));

/** A transaction whose statements are explained instead of run (SET statements pass through). */
function explaining(tx: Tx): Tx {
  return new Proxy(tx, {
    get(target, key) {
      if (key !== 'execute') return Reflect.get(target, key);
      return async (query: SQL) => {
        const text = JSON.stringify(query.queryChunks.slice(0, 1));
        if (text.includes('set local')) return target.execute(query);
        const plan = rowsOf<{ 'QUERY PLAN': string }>(
          await target.execute(sql`explain (analyze, costs off) ${query}`),
        );
        console.log(plan.map((r) => r['QUERY PLAN']).join('\n'), '\n');
        return [];
      };
    },
  });
}

for (let round = 0; round < 2; round++) {
  await db.withTenant(tenant, async (tx) => {
    const q = await queryTerms(tx, tenant, text);
    if (round === 1) console.log(q.terms);
    const t = round === 1 ? explaining(tx) : tx;
    await bm25Candidates(t, q, { tenantId: tenant }, 20, undefined, vector);
    await vectorCandidates(t, vector, scopeFilter(tenant), 20, 40, 'hnsw');
  });
}
await db.close();
await admin.end();
