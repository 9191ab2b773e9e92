// Experiment harness (not part of `pnpm bench`): times text-branch variants against the current
// bm25Candidates on an already loaded embedded server, and checks they return the same rows.
// PROBE_URL=postgres://postgres@127.0.0.1:5601/postgres pnpm --filter @platform/bench exec tsx rag/probe/timings.ts
// (a server loaded by `pnpm bench rag`: its data directory, served by bench/src/db/serve-embedded.ts)
import { connectPostgres, type Tx } from '@platform/db';
import { bm25Candidates, queryTerms, scopeFilter, type QueryTerms } from '@platform/rag';
import { seededRandom } from '@platform/rag/testing';
import type { SQL } from 'drizzle-orm';
import postgres from 'postgres';
import { percentile } from '../../src/stats';
import { largestTenant } from './largest-tenant';

const VOCABULARY = 5_000;
const WORDS = Array.from({ length: VOCABULARY }, (_, i) => {
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'po', 'da', 'fu'];
  let word = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / 12)) word += syllables[n % 12];
  return `${word}x`;
});

const url = process.env.PROBE_URL!;
const db = connectPostgres(url, { max: 2 });
const admin = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
const tenant = await largestTenant(admin);
const random = seededRandom(Number(process.env.PROBE_SEED ?? 7));
const word = (from: number) => WORDS[from + Math.floor(random() * (VOCABULARY - from))]!;
const count = Number(process.env.PROBE_QUERIES ?? 60);
const queries = Array.from({ length: count }, () => `${word(50)} ${word(50)}`);
if (process.env.PROBE_EXTRA) queries.push(...process.env.PROBE_EXTRA.split(','));

type Variant = (tx: Tx, q: QueryTerms, filter: SQL, vector?: number[]) => Promise<unknown[]>;
const variants: Record<string, Variant> = {
  current: (tx, q, filter, v) => bm25Candidates(tx, q, { tenantId: tenant }, 40, undefined, v),
};
const extra = await import(process.env.PROBE_VARIANTS ?? './variants');
Object.assign(variants, extra.variants as Record<string, Variant>);
const names = (process.env.PROBE_ONLY ?? Object.keys(variants).join(',')).split(',');

const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const mismatches: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
for (let round = 0; round < 2; round++) {
  for (const [i, text] of queries.entries()) {
    const order = i % 2 ? [...names].reverse() : names;
    const results: Record<string, string> = {};
    for (const name of order) {
      const start = performance.now();
      const rows = await db.withTenant(tenant, async (tx) =>
        variants[name]!(tx, await queryTerms(tx, tenant, text), scopeFilter(tenant)),
      );
      if (round === 1) times[name]!.push(performance.now() - start);
      results[name] = JSON.stringify(rows);
    }
    for (const name of names) {
      if (round > 0 || results[name] === results.current) continue;
      mismatches[name]!++;
      if (process.env.PROBE_VERBOSE)
        console.log(name, text, results[name]!.slice(0, 300), results.current?.slice(0, 300));
    }
  }
}
for (const name of names)
  console.log(
    `${name.padEnd(20)} p50 ${percentile(times[name]!, 50).toFixed(1)} p95 ${percentile(times[name]!, 95).toFixed(1)} max ${Math.max(...times[name]!).toFixed(1)} mismatches ${mismatches[name]}`,
  );
await db.close();
await admin.end();
