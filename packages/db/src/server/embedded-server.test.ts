import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTenantWithOwner } from '../accounts';
import { connectPostgres } from '../client';
import { widgets } from '../schema';
import { DataDirLockedError, startEmbeddedDatabase } from './index';
import type { EmbeddedDatabase } from './index';
import { runTag } from '../testing';

/** Fixed e-mails get this run's own domain: the database may be shared (TEST_DATABASE_URL). */
const RUN = runTag();

const dataDir = join(mkdtempSync(join(tmpdir(), 'platform-embedded-')), 'pg');
let embedded: EmbeddedDatabase;

beforeAll(async () => {
  embedded = await startEmbeddedDatabase({ dataDir, port: 0 });
});
afterAll(async () => {
  await embedded?.stop();
});

describe('embedded server', () => {
  test('8 clients mixing tenant transactions and plain queries get only right answers', async () => {
    const setup = connectPostgres(embedded.url, { max: 1 });
    const tenants = await Promise.all(
      ['North', 'South'].map(async (name) => {
        const { tenant } = await createTenantWithOwner(setup, {
          tenantName: name,
          email: `${name}@load.test`,
        });
        await setup.withTenant(tenant.id, (tx) =>
          tx.insert(widgets).values(
            [1, 2, 3].map((i) => ({
              tenantId: tenant.id,
              name: `${name}-${i}`,
              domainWhitelist: [],
            })),
          ),
        );
        return tenant;
      }),
    );
    await setup.close();

    const clients = Array.from({ length: 8 }, () => ({
      db: connectPostgres(embedded.url, { max: 2 }),
      plain: postgres(embedded.url, { max: 1, prepare: false, onnotice: () => {} }),
    }));
    const failures: string[] = [];
    let operations = 0;
    await Promise.all(
      clients.map(async ({ db, plain }, c) => {
        for (let i = 0; i < 150; i++) {
          const tenant = tenants[(c + i) % 2]!;
          const names = await db.withTenant(tenant.id, (tx) =>
            tx.select({ name: widgets.name }).from(widgets).orderBy(widgets.name),
          );
          const expected = [1, 2, 3].map((n) => `${tenant.name}-${n}`);
          if (JSON.stringify(names.map((w) => w.name)) !== JSON.stringify(expected)) {
            failures.push(`client ${c} op ${i}: ${JSON.stringify(names)}`);
          }
          const [row] =
            await plain`select ${i}::int + ${c}::int as sum, current_setting('app.current_tenant_id', true) as tenant`;
          if (row?.sum !== i + c || row?.tenant)
            failures.push(`client ${c} plain ${i}: ${JSON.stringify(row)}`);
          const inserted = await db.withTenant(tenant.id, async (tx) => {
            const [w] = await tx
              .insert(widgets)
              .values({ tenantId: tenant.id, name: `tmp-${c}-${i}`, domainWhitelist: [] })
              .returning();
            await tx.delete(widgets).where(eq(widgets.id, w!.id));
            return w!.tenantId;
          });
          if (inserted !== tenant.id) failures.push(`client ${c} write ${i}`);
          operations += 3;
        }
      }),
    );
    await Promise.all(clients.map(async ({ db, plain }) => Promise.all([db.close(), plain.end()])));
    expect(failures).toEqual([]);
    expect(operations).toBe(8 * 150 * 3);
    // 3,600 operations: 60 s is too short on a loaded 2-core machine running the whole suite.
  }, 180_000);

  test('a client that disconnects inside a transaction is rolled back and others go on', async () => {
    const a = postgres(embedded.url, { max: 1, prepare: false, onnotice: () => {} });
    const b = postgres(embedded.url, { max: 1, prepare: false, onnotice: () => {} });
    // A temporary table: the app's login role owns nothing and may create nothing in public.
    await a`create temp table if not exists disconnect_probe (n int)`;
    const reserved = await a.reserve();
    await reserved`begin`;
    await reserved`insert into disconnect_probe values (1)`;
    const waiting = b`select count(*)::int as n from disconnect_probe`; // queued behind a's transaction
    await a.end({ timeout: 0 });
    const [row] = await waiting;
    expect(row?.n).toBe(0);
    await b`drop table disconnect_probe`;
    await b.end();
  });

  test('a connection over the limit is refused with a clear error instead of hanging', async () => {
    const small = await startEmbeddedDatabase({
      dataDir: join(mkdtempSync(join(tmpdir(), 'platform-embedded-')), 'pg'),
      port: 0,
      maxConnections: 1,
    });
    const first = postgres(small.url, { max: 1, prepare: false, onnotice: () => {} });
    const second = postgres(small.url, { max: 1, prepare: false, onnotice: () => {} });
    try {
      await first`select 1`;
      await expect(second`select 1`).rejects.toThrow(/too many connections/);
    } finally {
      await Promise.all([first.end(), second.end()]);
      await small.stop();
    }
  });

  test('a second process on the same data directory is refused; data survives a restart', async () => {
    await expect(startEmbeddedDatabase({ dataDir, port: 0 })).rejects.toBeInstanceOf(
      DataDirLockedError,
    );

    const db = connectPostgres(embedded.url, { max: 1 });
    const { tenant } = await createTenantWithOwner(db, {
      tenantName: 'Durable',
      email: `durable@${RUN}.load.test`,
    });
    await db.close();
    await embedded.stop();

    embedded = await startEmbeddedDatabase({ dataDir, port: 0 });
    const again = connectPostgres(embedded.url, { max: 1 });
    const [found] = await again.withTenant(tenant.id, (tx) => tx.query.tenants.findMany());
    await again.close();
    expect(found?.name).toBe('Durable');
  });
});
