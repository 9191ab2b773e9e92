// What queryTerms costs on the embedded server (experiment).
import { connectPostgres } from '@platform/db';
import { queryTerms } from '@platform/rag';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { percentile } from '../../src/stats';
import { largestTenant } from './largest-tenant';

const url = process.env.PROBE_URL!;
const db = connectPostgres(url, { max: 1 });
const admin = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
const tenant = await largestTenant(admin);
const t: Record<string, number[]> = { select1: [], queryTerms: [], tsdebug: [], tsvector: [] };
const text = 'nemilox safutix';
for (let i = 0; i < 100; i++)
  await db.withTenant(tenant, async (tx) => {
    let s = performance.now();
    await tx.execute(sql`select 1`);
    t.select1!.push(performance.now() - s);
    s = performance.now();
    await queryTerms(tx, tenant, text);
    t.queryTerms!.push(performance.now() - s);
    s = performance.now();
    await tx.execute(sql`select d.lexemes from ts_debug('english'::regconfig, ${text}) d`);
    t.tsdebug!.push(performance.now() - s);
    s = performance.now();
    await tx.execute(sql`select to_tsvector('english'::regconfig, ${text})`);
    t.tsvector!.push(performance.now() - s);
  });
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
