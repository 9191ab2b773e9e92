import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTenantWithOwner } from './accounts';
import type { Tx } from './client';
import { contextSetup, NestedTransactionError } from './database';
import { tenants, widgets } from './schema';
import { createTestDatabase } from './testing';
import type { TestDatabase } from './testing';

let t: TestDatabase;
let empty: string; // a tenant that owns nothing but its own tenant row
let other: string; // a tenant with a widget

beforeAll(async () => {
  t = await createTestDatabase();
  const made = await Promise.all(
    ['Probe empty', 'Probe other'].map((name) =>
      createTenantWithOwner(t.db, { tenantName: name, email: `${crypto.randomUUID()}@probe.test` }),
    ),
  );
  empty = made[0]!.tenant.id;
  other = made[1]!.tenant.id;
  await t.db.withTenant(other, (tx) =>
    tx.insert(widgets).values({ tenantId: other, name: 'theirs', domainWhitelist: [] }),
  );
});
afterAll(async () => {
  await t?.close();
});

interface Probe {
  id: string;
  who: string;
}

/** The probe reads every tenant row it can see and who it runs as, in one statement. */
const probeColumns = { id: tenants.id, who: sql<string>`current_user`.as('who') };
const rawProbe = 'select id::text as id, current_user as who from tenants';

/** The first statement of `work`, in every way Drizzle (or postgres.js under it) can send one. */
const firstStatements: Record<string, (tx: Tx) => Promise<Probe[]>> = {
  'await builder': async (tx) => await tx.select(probeColumns).from(tenants),
  '.execute()': (tx) => tx.select(probeColumns).from(tenants).execute(),
  ".prepare('p').execute()": (tx) => tx.select(probeColumns).from(tenants).prepare('p').execute(),
  'Promise.all of .execute()': async (tx) =>
    (
      await Promise.all([
        tx.select(probeColumns).from(tenants).execute(),
        tx.select(probeColumns).from(tenants).execute(),
      ])
    ).flat(),
  'relational tx.query': (tx) =>
    tx.query.tenants.findMany({
      columns: { id: true },
      extras: { who: sql<string>`current_user`.as('who') },
    }),
  'tx.execute(sql)': async (tx) => [...(await tx.execute(sql.raw(rawProbe)))] as unknown as Probe[],
  'raw postgres.js through the transaction': async (tx) => {
    const { client } = tx._.session as unknown as { client: postgres.Sql };
    return [...(await client.unsafe(rawProbe))] as unknown as Probe[];
  },
};

describe('the tenant context is set before the first statement of the work', () => {
  test.each(Object.entries(firstStatements))('%s sees no foreign row', async (_, first) => {
    const seen = await t.db.withTenant(empty, first);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((row) => row.id !== empty)).toEqual([]);
    expect(new Set(seen.map((row) => row.who))).toEqual(new Set(['platform_app']));
  });

  test('asSystem runs as platform_system and sees every tenant', async () => {
    const seen = await t.db.asSystem('seed', firstStatements['.execute()']!);
    expect(seen.map((row) => row.id)).toEqual(expect.arrayContaining([empty, other]));
    expect(new Set(seen.map((row) => row.who))).toEqual(new Set(['platform_system']));
  });

  test('nothing is left on the connection after the transaction', async () => {
    await t.db.withTenant(other, async (tx) => tx.select().from(widgets));
    const after = await t.db.withTenant(empty, (tx) =>
      tx.select({ name: widgets.name }).from(widgets),
    );
    expect(after).toEqual([]);
  });

  test('a failing work rolls back and the pool keeps working', async () => {
    await expect(
      t.db.withTenant(empty, async (tx) => {
        await tx
          .insert(widgets)
          .values({ tenantId: empty, name: 'rolled back', domainWhitelist: [] });
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    const rows = await t.db.withTenant(empty, (tx) => tx.select().from(widgets));
    expect(rows).toEqual([]);
  });

  test('a transaction inside another is refused', async () => {
    await expect(
      t.db.withTenant(empty, () => t.db.withTenant(empty, async () => 1)),
    ).rejects.toBeInstanceOf(NestedTransactionError);
  });
});

describe('contextSetup', () => {
  test('writes only a validated uuid and a known reason into the SQL', () => {
    expect(contextSetup({ tenantId: '0A1B2C3D-0000-4000-8000-00000000000F' })).toBe(
      "begin; set local citus.propagate_set_commands = 'local'; " +
        "set local citus.multi_shard_modify_mode = 'sequential'; set local role platform_app; " +
        "set local app.current_tenant_id = '0a1b2c3d-0000-4000-8000-00000000000f'",
    );
    expect(contextSetup({ system: 'rollup' })).toContain(
      "set local role platform_system; set local application_name = 'system:rollup'",
    );
    for (const bad of ["x'; drop table tenants; --", '', '00000000-0000-0000-0000-00000000000g']) {
      expect(() => contextSetup({ tenantId: bad })).toThrow(TypeError);
    }
    expect(() => contextSetup({ system: "seed'; reset role; --" as 'seed' })).toThrow(TypeError);
  });
});

describe('an app connection outside withTenant/asSystem', () => {
  test('is not a superuser, bypasses nothing and reads no row', async () => {
    const app = postgres(t.url, { max: 1, prepare: false, onnotice: () => {} });
    try {
      const [me] = await app`
        select current_user as who, r.rolsuper, r.rolbypassrls, r.rolinherit,
               (select count(*)::int from pg_class where relowner = r.oid) as owned
          from pg_roles r where r.rolname = current_user`;
      expect(me).toEqual({
        who: t.appRole,
        rolsuper: false,
        rolbypassrls: false,
        rolinherit: false,
        owned: 0,
      });
      for (const table of ['tenants', 'widgets', 'users']) {
        await expect(app.unsafe(`select count(*) from ${table}`)).rejects.toMatchObject({
          code: '42501', // permission denied: the login role holds no privilege of its own
        });
      }
    } finally {
      await app.end({ timeout: 5 });
    }
  });
});
