import { randomUUID } from 'node:crypto';
import { connectPostgres, createTenantWithOwner, widgets } from '@platform/db';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { openBenchTarget } from './target';

const CLIENTS = 4;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

async function measure(label: string, read: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 50; i++) await read(); // warm up
  let count = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        await read();
        count++;
      }
    }),
  );
  const rate = count / SECONDS;
  console.log(`  ${label.padEnd(34)} ${rate.toFixed(0).padStart(7)} reads/s`);
  return rate;
}

/** A tenant-scoped read through `withTenant` against the same read without it, same server and run. */
export async function runTenantReadBench(): Promise<void> {
  const target = await openBenchTarget();
  const db = connectPostgres(target.url, { max: CLIENTS });
  const rawClient = postgres(target.url, { max: CLIENTS, prepare: false, onnotice: () => {} });
  const raw = drizzle(rawClient);
  try {
    const { tenant } = await createTenantWithOwner(db, { tenantName: 'Bench', email: `bench-${randomUUID()}@bench.test` });
    await db.withTenant(tenant.id, (tx) =>
      tx.insert(widgets).values(
        Array.from({ length: 20 }, (_, i) => ({ tenantId: tenant.id, name: `widget ${i}`, domainWhitelist: ['https://example.test'] })),
      ),
    );
    const query = (q: typeof raw) => q.select().from(widgets).where(eq(widgets.tenantId, tenant.id));
    console.log(`\nTenant-scoped read (20 widget rows, ${CLIENTS} concurrent clients, ${SECONDS}s each) on ${target.label}`);
    const plain = await measure('plain read (no tenant helper)', () => query(raw));
    const scoped = await measure('through withTenant (RLS, tx)', () => db.withTenant(tenant.id, (tx) => query(tx as never)));
    console.log(`  ratio plain/scoped: ${(plain / scoped).toFixed(2)} (target <= 1.3)`);
  } finally {
    await db.close();
    await rawClient.end();
    await target.stop();
  }
}
