// Recall@10 of the vector branch (HNSW walk, 40 candidates as hybridSearch asks for limit 10)
// against an exact scan, per ef_search, on many more questions than `pnpm bench rag` uses.
// Questions: stored chunk vectors plus the bench's noise. Experiment, not part of `pnpm bench`:
// PROBE_URL=postgres://postgres@127.0.0.1:5620/postgres PROBE_QUESTIONS=200 \
//   pnpm --filter @platform/bench exec tsx rag/probe/recall.ts
import { connectPostgres } from '@platform/db';
import { scopeFilter, vectorCandidates } from '@platform/rag';
import { seededRandom } from '@platform/rag/testing';
import postgres from 'postgres';
import { percentile } from '../../src/stats';
import { largestTenant } from './largest-tenant';

const url = process.env.PROBE_URL!;
const questions = Number(process.env.PROBE_QUESTIONS ?? 200);
const db = connectPostgres(url, { max: 1 });
const admin = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
const tenant = await largestTenant(admin);
const random = seededRandom(7);
const rows = await admin.unsafe<Array<{ v: string }>>(
  'select embedding::text as v from knowledge_chunks where tenant_id = $1 order by random() limit $2',
  [tenant, questions],
);
const vectors = rows.map((r) =>
  (JSON.parse(r.v) as number[]).map((x, i) => (i < 512 ? x + (random() - 0.5) * 0.35 : 0)),
);
const truths: Array<Set<string>> = [];
for (const v of vectors) {
  const exact = await admin.unsafe<Array<{ id: string }>>(
    'select id from knowledge_chunks where tenant_id = $1 order by (embedding <=> $2::vector) + 0 limit 10',
    [tenant, `[${v.join(',')}]`],
  );
  truths.push(new Set(exact.map((r) => r.id)));
}
for (const ef of [80, 100, 120, 160, 200]) {
  let found = 0;
  const times: number[] = [];
  for (const [i, v] of vectors.entries()) {
    const start = performance.now();
    const hits = await db.withTenant(tenant, (tx) =>
      vectorCandidates(tx, v, scopeFilter(tenant), 40, ef, 'hnsw'),
    );
    times.push(performance.now() - start);
    found += hits.slice(0, 10).filter((h) => truths[i]!.has(h.id)).length;
  }
  console.log(
    `ef_search ${ef}: recall@10 ${(found / (vectors.length * 10)).toFixed(3)}, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (${vectors.length} questions)`,
  );
}
await db.close();
await admin.end();
