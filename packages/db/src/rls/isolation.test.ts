import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { databaseOver } from '../client';
import type { Database } from '../database';
import { createTenantFixture, createTestDatabase } from '../testing';
import type { TenantFixture, TestDatabase } from '../testing';
import { ownedBy, rowKey, systemOnlyTables, tenantTables } from './tenant-tables';

let t: TestDatabase;
let a: TenantFixture;
let b: TenantFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createTenantFixture(t.db, 'Alpha');
  b = await createTenantFixture(t.db, 'Beta');
});
afterAll(async () => {
  await t.close();
});

/** All of a tenant's rows in a table, read as superuser, serialized for byte-for-byte comparison. */
async function snapshot(table: string, tenantId: string): Promise<string> {
  const entry = tenantTables.find((e) => e.table === table)!;
  const rows = await t.raw(
    `select * from "${table}" where ${ownedBy(entry)} order by ${rowKey(entry)}`,
    [tenantId],
  );
  return JSON.stringify(rows);
}

async function idsOf(table: string, tenantId: string): Promise<string[]> {
  const entry = tenantTables.find((e) => e.table === table)!;
  const rows = await t.raw(
    `select ${rowKey(entry)} as id from "${table}" where ${ownedBy(entry)}`,
    [tenantId],
  );
  return rows.map((r) => String(r.id));
}

/** One of A's rows and the columns an INSERT may set (not the id, not generated columns). */
async function rowToCopy(table: string) {
  const entry = tenantTables.find((e) => e.table === table)!;
  const [row] = await t.raw(`select * from "${table}" where ${rowKey(entry)} = $1`, [
    (await idsOf(table, a.tenant.id))[0],
  ]);
  const generated = await t.raw(
    `select column_name from information_schema.columns
      where table_schema = 'public' and table_name = $1 and is_generated = 'ALWAYS'`,
    [table],
  );
  const skip = new Set(['id', ...generated.map((g) => String(g.column_name))]);
  const arrays = await t.raw(
    `select column_name from information_schema.columns
      where table_schema = 'public' and table_name = $1 and data_type = 'ARRAY'`,
    [table],
  );
  const arrayColumns = new Set(arrays.map((c) => String(c.column_name)));
  const columns = Object.keys(row!).filter((c) => !skip.has(c));
  // The row's values as parameters: Postgres arrays as array literals, JSON as text.
  const values = columns.map((c) =>
    arrayColumns.has(c) ? `{${(row![c] as unknown[]).join(',')}}` : toParam(row![c]),
  );
  return { row: row!, columns, values };
}

/** A transaction as platform_app with no tenant set: what a forgotten context would see. */
async function withoutTenant<T>(work: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  return (await t.admin.begin(async (tx) => {
    await tx`select set_config('role', 'platform_app', true)`;
    return work(tx);
  })) as T;
}

describe.each(tenantTables)('RLS on $table', (entry) => {
  const { table, touch } = entry;
  // Static SQL from tenant-tables.ts, never input.
  const key = sql.raw(rowKey(entry));
  test('SELECT: a tenant sees exactly its own rows', async () => {
    for (const fixture of [a, b]) {
      const visible = await t.db.withTenant(fixture.tenant.id, (tx) =>
        tx.execute(sql`select ${key} as id from ${sql.identifier(table)}`),
      );
      const seen = visible.map((r) => String(r.id)).sort();
      expect(seen.length).toBeGreaterThan(0);
      expect(seen).toEqual((await idsOf(table, fixture.tenant.id)).sort());
    }
  });

  test("UPDATE and DELETE: another tenant's rows are untouched", async () => {
    const before = await snapshot(table, a.tenant.id);
    const targets = await idsOf(table, a.tenant.id);
    const result = await t.db.withTenant(b.tenant.id, async (tx) => {
      const updated = await tx.execute(
        sql`update ${sql.identifier(table)} set ${sql.identifier(touch)} = ${sql.identifier(touch)} where ${key} in ${targets} returning 1`,
      );
      const deleted = await tx.execute(
        sql`delete from ${sql.identifier(table)} where ${key} in ${targets} returning 1`,
      );
      return { updated: updated.length, deleted: deleted.length };
    });
    expect(result).toEqual({ updated: 0, deleted: 0 });
    expect(await snapshot(table, a.tenant.id)).toBe(before);
  });

  test('INSERT: a row for another tenant is refused', async () => {
    // Copy one of A's rows with a new id, as tenant B: WITH CHECK must refuse it.
    const { columns, values } = await rowToCopy(table);
    const attempt = t.db.withTenant(b.tenant.id, (tx) =>
      tx.execute(
        sql`insert into ${sql.identifier(table)} (${sql.join(
          columns.map((c) => sql.identifier(c)),
          sql`, `,
        )})
            select ${sql.join(
              columns.map((c) => sql.identifier(c)),
              sql`, `,
            )} from ${sql.identifier(table)} where false`,
      ),
    );
    // The empty insert proves the statement is valid; the real one must fail.
    await expect(attempt).resolves.toBeDefined();
    const real = t.db.withTenant(b.tenant.id, (tx) =>
      tx.execute(
        sql`insert into ${sql.identifier(table)} (${sql.join(
          columns.map((c) => sql.identifier(c)),
          sql`, `,
        )})
            values (${sql.join(
              values.map((v) => sql`${v}`),
              sql`, `,
            )})`,
      ),
    );
    await expect(real).rejects.toSatisfy(isRowLevelSecurityViolation);
  });

  test('no tenant set: reads return nothing and writes fail', async () => {
    const count = await withoutTenant(
      async (tx) => (await tx.unsafe(`select count(*)::int as n from "${table}"`))[0]!.n as number,
    );
    expect(count).toBe(0);
    const before = await snapshot(table, a.tenant.id);
    const changed = await withoutTenant(
      async (tx) =>
        (await tx.unsafe(`update "${table}" set "${touch}" = "${touch}" returning 1`)).length,
    );
    expect(changed).toBe(0);
    expect(await snapshot(table, a.tenant.id)).toBe(before);
    const { columns, values } = await rowToCopy(table);
    await expect(
      withoutTenant((tx) =>
        tx.unsafe(
          `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
          values as never[],
        ),
      ),
    ).rejects.toSatisfy(isRowLevelSecurityViolation);
  });

  test('the explicit system path sees every tenant', async () => {
    const seen = await t.db.asSystem('rollup', (tx) =>
      tx.execute(sql`select ${key} as id from ${sql.identifier(table)}`),
    );
    const ids = new Set(seen.map((r) => String(r.id)));
    for (const id of [...(await idsOf(table, a.tenant.id)), ...(await idsOf(table, b.tenant.id))]) {
      expect(ids.has(id)).toBe(true);
    }
  });
});

describe.each(systemOnlyTables)('RLS on system table %s', (table) => {
  test('a tenant can neither read nor write it', async () => {
    await t.db.asSystem('sign-in', (tx) =>
      table === 'verification_tokens'
        ? tx.execute(
            sql`insert into verification_tokens values ('x@example.test', ${`tok-${Math.random()}`}, now())`,
          )
        : table === 'rate_limit_counters'
          ? tx.execute(sql`insert into rate_limit_counters values ('k', now(), 1)`)
          : table === 'sign_in_failures'
            ? tx.execute(
                sql`insert into sign_in_failures values (${`k-${Math.random()}`}, 1, now(), now())`,
              )
            : tx.execute(
                sql`insert into processed_webhooks (id, source) values (${`evt-${Math.random()}`}, 'test')`,
              ),
    );
    const visible = await t.db.withTenant(a.tenant.id, (tx) =>
      tx.execute(sql`select * from ${sql.identifier(table)}`),
    );
    expect([...visible]).toEqual([]);
    await expect(
      t.db.withTenant(a.tenant.id, (tx) =>
        tx.execute(sql`delete from ${sql.identifier(table)} returning 1`),
      ),
    ).resolves.toHaveLength(0);
  });
});

/** What a transaction left on its own connection: read there, after it ended, as the app. */
async function leftOnConnection(work: (db: Database) => Promise<unknown>) {
  const client = postgres(t.url, { max: 1, prepare: false, onnotice: () => {} });
  const db = databaseOver(client);
  try {
    await work(db).catch(() => {});
    const [state] = await client`
      select current_user as role, coalesce(current_setting('app.current_tenant_id', true), '') as tenant`;
    return state;
  } finally {
    await db.close();
  }
}

test('a committed tenant transaction leaves neither role nor tenant on its connection', async () => {
  const state = await leftOnConnection((db) =>
    db.withTenant(a.tenant.id, (tx) => tx.execute(sql`select 1`)),
  );
  // A connection that never set the tenant reads NULL, one that set it and ended reads '':
  // either way nothing is left (coalesced to '').
  expect(state).toEqual({ role: t.appRole, tenant: '' });
});

test('a failed tenant transaction rolls back its writes and its settings', async () => {
  const state = await leftOnConnection((db) =>
    db.withTenant(a.tenant.id, async (tx) => {
      await tx.execute(sql`update widgets set name = 'changed' where id = ${a.ids.widget}`);
      throw new Error('boom');
    }),
  );
  const [widget] = await t.raw(`select name from widgets where id = $1`, [a.ids.widget]);
  expect(widget?.name).toBe('Alpha widget');
  expect(state).toEqual({ role: t.appRole, tenant: '' });
});

test('a malformed tenant id never reaches SQL', async () => {
  await expect(t.db.withTenant("x' or '1'='1", async () => 1)).rejects.toThrow();
});

function toParam(value: unknown): unknown {
  if (value === null || value instanceof Date || typeof value !== 'object') return value;
  return JSON.stringify(value);
}

/** Postgres refused the row because of a policy (42501), not for any other reason. */
function isRowLevelSecurityViolation(error: unknown): boolean {
  const pg = ((error as { cause?: unknown }).cause ?? error) as { code?: string; message?: string };
  return pg.code === '42501' && /row-level security/.test(pg.message ?? '');
}
