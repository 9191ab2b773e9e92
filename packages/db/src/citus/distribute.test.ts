import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { prepareCitus } from './distribute';
import { globalTables } from './placement';

/**
 * The cluster layout `pnpm db:migrate` leaves on a Citus coordinator (the harness migrated
 * TEST_DATABASE_URL). Skipped, saying why, anywhere else: there the step does nothing.
 */
let t: TestDatabase;
let citus = false;

beforeAll(async () => {
  t = await createTestDatabase();
  const [row] = await t.raw(
    `select exists (select 1 from pg_extension where extname = 'citus') as on`,
  );
  citus = Boolean(row?.on);
  if (!citus) console.log('citus layout: skipped (TEST_DATABASE_URL is not a Citus coordinator)');
});
afterAll(async () => {
  await t.close();
});

const layout = () =>
  t.raw(
    `select table_name::text as name, citus_table_type as type, distribution_column as column,
            colocation_id as colocation
       from citus_tables order by 1`,
  );

describe.skipIf(!process.env.TEST_DATABASE_URL)('Citus layout', () => {
  test('every table with tenant_id is distributed by it in one co-location group; the rest as placement.ts says', async () => {
    if (!citus) return;
    const tables = await t.raw(
      `select c.relname as name,
              exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id') as tenant
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'`,
    );
    const placed = new Map((await layout()).map((r) => [String(r.name), r]));
    const groups = new Set<unknown>();
    for (const { name, tenant } of tables) {
      const table = String(name);
      const rule = globalTables[table];
      const row = placed.get(table);
      if (rule?.placement === 'reference') expect(row?.type, table).toBe('reference');
      else if (rule?.placement === 'coordinator') expect(row, table).toBeUndefined();
      else if (tenant) {
        expect(row, table).toMatchObject({ type: 'distributed', column: 'tenant_id' });
        groups.add(row?.colocation);
      }
    }
    expect(groups.size).toBe(1);
  });

  test('HNSW and full-text GIN indexes exist on every shard', async () => {
    if (!citus) return;
    for (const [table, method, expected] of [
      ['knowledge_chunks', 'hnsw', 1],
      ['knowledge_chunks', 'gin', 1],
      ['knowledge_documents', 'hnsw', 1],
      ['messages', 'gin', 1],
    ] as const) {
      const rows = await t.raw(
        `select result from run_command_on_shards($1::regclass,
           $$select count(*) from pg_indexes where tablename = '%s' and indexdef like '%% USING ${method} %%'$$)`,
        [table],
      );
      expect(rows.length, table).toBeGreaterThan(0);
      for (const { result } of rows) expect(Number(result), `${table} ${method}`).toBe(expected);
    }
  });

  test('the request roles can log in on every worker and are still no superuser, bypass nothing', async () => {
    if (!citus) return;
    const rows = await t.raw(
      `select result from run_command_on_workers($$select string_agg(rolname || ':' || rolcanlogin || rolsuper || rolbypassrls, ',' order by rolname)
         from pg_roles where rolname in ('platform_app', 'platform_system')$$)`,
    );
    for (const { result } of rows)
      expect(result).toBe('platform_app:truefalsefalse,platform_system:truefalsefalse');
  });

  test('running the step again changes nothing', async () => {
    if (!citus) return;
    const constraints = () =>
      t.raw(
        `select conrelid::regclass::text as t, conname, pg_get_constraintdef(oid) as def from pg_constraint
          where connamespace = 'public'::regnamespace order by 1, 2`,
      );
    const before = { layout: await layout(), constraints: await constraints() };
    const owner = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await prepareCitus(owner);
    } finally {
      await owner.end({ timeout: 5 });
    }
    expect({ layout: await layout(), constraints: await constraints() }).toEqual(before);
  });
});
