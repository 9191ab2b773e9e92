import { randomUUID } from 'node:crypto';
import { connectPostgres, createTenantWithOwner, widgets } from '@platform/db';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { median } from '../stats';
import { openBenchTarget } from './target';

const CLIENTS = 4;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SLICE_MS = 1000;

/** Reads per second over one time slice with CLIENTS concurrent callers. */
async function rate(read: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const end = performance.now() + SLICE_MS;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        await read();
        count++;
      }
    }),
  );
  return (count * 1000) / SLICE_MS;
}

/**
 * A tenant-scoped read through `withTenant` against the same read without it, same server, same
 * run. The two alternate in 1 s slices so background load hits both alike; medians are printed.
 */
export async function runTenantReadBench(): Promise<void> {
  const target = await openBenchTarget();
  const db = connectPostgres(target.url, { max: CLIENTS });
  const rawClient = postgres(target.url, { max: CLIENTS, prepare: false, onnotice: () => {} });
  const raw = drizzle(rawClient);
  try {
    const { tenant } = await createTenantWithOwner(db, {
      tenantName: 'Bench',
      email: `bench-${randomUUID()}@bench.test`,
    });
    await db.withTenant(tenant.id, (tx) =>
      tx.insert(widgets).values(
        Array.from({ length: 20 }, (_, i) => ({
          tenantId: tenant.id,
          name: `widget ${i}`,
          domainWhitelist: ['https://example.test'],
        })),
      ),
    );
    const query = (q: typeof raw) =>
      q.select().from(widgets).where(eq(widgets.tenantId, tenant.id));
    const plain = () => query(raw);
    const scoped = () => db.withTenant(tenant.id, (tx) => query(tx as unknown as typeof raw));
    for (let i = 0; i < 100; i++) await Promise.all([plain(), scoped()]); // warm up

    const plainRates: number[] = [];
    const scopedRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      plainRates.push(await rate(plain));
      scopedRates.push(await rate(scoped));
    }
    const p = median(plainRates);
    const s = median(scopedRates);
    console.log(
      `\n## Tenant-scoped read: 20 widget rows, ${CLIENTS} concurrent clients, ${target.label}`,
    );
    console.log(
      `  plain read, no tenant helper     ${p.toFixed(0).padStart(7)} reads/s (median of ${ROUNDS} x 1 s)`,
    );
    console.log(`  through withTenant (tx + RLS)    ${s.toFixed(0).padStart(7)} reads/s`);
    console.log(
      `  ratio plain/scoped               ${(p / s).toFixed(2).padStart(7)}   (target <= 1.3)`,
    );
  } finally {
    await db.close();
    await rawClient.end();
    await target.stop();
  }
}
