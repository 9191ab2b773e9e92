import type postgres from 'postgres';
import { globalTables, TENANT_COLUMN } from './placement';

/**
 * The post-migration step for a Citus cluster (`pnpm db:migrate` runs it after the migrations).
 * Without the `citus` extension it does nothing. With it, and idempotently:
 *  1. the request roles may log in, because Citus opens worker connections as the current role;
 *  2. the global tables become reference tables or stay on the coordinator (placement.ts);
 *  3. every other table with `tenant_id` is distributed by it, co-located, after its primary key,
 *     unique constraints and foreign keys between tenant tables are widened to include tenant_id
 *     (Citus enforces a unique key or a foreign key only within one shard);
 *  4. full-text matching is LEAKPROOF on the workers too (migration 0006, per server).
 * Indexes (HNSW, GIN) present when a table is distributed are created on every shard, and later
 * ones propagate. Identifiers come from the catalog and are quoted; nothing comes from input.
 */
export async function prepareCitus(
  sql: postgres.Sql,
  options: { shardCount?: number; log?: (line: string) => void } = {},
): Promise<void> {
  const log = options.log ?? (() => {});
  // One transaction: a failure half-way must not leave foreign keys dropped or keys half-widened.
  await sql.begin(async (tx) => {
    if (!(await hasCitus(tx))) return;
    await allowRequestRolesToReachWorkers(tx);
    await placeGlobalTables(tx, log);
    await distributeTenantTables(tx, log, options.shardCount);
    await markFullTextMatchLeakproofOnWorkers(tx, log);
  });
}

type Sql = postgres.TransactionSql;

export async function hasCitus(sql: Sql): Promise<boolean> {
  const [row] = await sql`select exists (select 1 from pg_extension where extname = 'citus') as on`;
  return Boolean(row?.on);
}

const REQUEST_ROLES = ['platform_app', 'platform_system'];

/**
 * A worker sees the coordinator's connection as the role running the statement, so the roles
 * `withTenant`/`asSystem` switch to must be able to log in. They get no password: only `trust`
 * lines for the cluster's internal network let them in (docker-compose.yml, citus profile), and
 * they still own nothing and bypass nothing. Citus propagates CREATE/ALTER ROLE to the workers.
 */
async function allowRequestRolesToReachWorkers(sql: Sql): Promise<void> {
  for (const role of REQUEST_ROLES) {
    const [row] = await sql`select rolcanlogin from pg_roles where rolname = ${role}`;
    if (!row) throw new Error(`Role ${role} is missing: migration 0000 creates it.`);
    if (!row.rolcanlogin) await sql.unsafe(`ALTER ROLE ${ident(role)} LOGIN`);
  }
  const missing = await sql`
    select result from run_command_on_workers(
      $$select string_agg(rolname, ',') from pg_roles where rolname in ('platform_app', 'platform_system') and rolcanlogin$$)
    where result is distinct from 'platform_app,platform_system'
      and result is distinct from 'platform_system,platform_app'`;
  if (missing.length > 0)
    throw new Error(
      'The request roles are missing or cannot log in on a worker: create them there ' +
        '(CREATE ROLE platform_app LOGIN NOBYPASSRLS; same for platform_system) and re-run.',
    );
}

async function placeGlobalTables(sql: Sql, log: (line: string) => void): Promise<void> {
  const placed = await citusTables(sql);
  for (const [table, { placement }] of Object.entries(globalTables)) {
    if (placement !== 'reference' || placed.has(table) || !(await tableExists(sql, table)))
      continue;
    await sql`select create_reference_table(${`public.${ident(table)}`}::regclass)`;
    log(`reference table: ${table}`);
  }
  const all = await sql<{ name: string; tenant: boolean }[]>`
    select c.relname as name,
           exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = ${TENANT_COLUMN}
                   and not a.attisdropped) as tenant
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')`;
  for (const { name, tenant } of all)
    if (!tenant && !(name in globalTables))
      log(
        `warning: ${name} has no tenant_id and no placement in citus/placement.ts: kept on the coordinator`,
      );
}

interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}

async function distributeTenantTables(
  sql: Sql,
  log: (line: string) => void,
  shardCount: number | undefined,
): Promise<void> {
  const placed = await citusTables(sql);
  const tenantTables = (await tablesWithTenantColumn(sql)).filter((t) => !(t in globalTables));
  const pending = tenantTables.filter((t) => placed.get(t) !== 'distributed');
  if (pending.length === 0) return;

  // A local table may not reference a distributed one, nor the reverse: drop the keys between
  // tenant tables, distribute, then put them back with tenant_id in them.
  const tenantSet = new Set(tenantTables);
  const keys = (await foreignKeys(sql)).filter(
    (k) => tenantSet.has(k.table) && tenantSet.has(k.refTable) && pending.includes(k.table),
  );
  for (const key of keys)
    await sql.unsafe(`ALTER TABLE ${ident(key.table)} DROP CONSTRAINT ${ident(key.name)}`);
  for (const table of pending) await widenUniqueKeys(sql, table);

  let anchor = tenantTables.find((t) => placed.get(t) === 'distributed');
  for (const table of pending) {
    if (anchor) {
      await sql`select create_distributed_table(${`public.${ident(table)}`}::regclass, ${TENANT_COLUMN}, colocate_with => ${`public.${ident(anchor)}`})`;
    } else if (shardCount) {
      await sql`select create_distributed_table(${`public.${ident(table)}`}::regclass, ${TENANT_COLUMN}, shard_count => ${shardCount}, colocate_with => 'none')`;
    } else {
      await sql`select create_distributed_table(${`public.${ident(table)}`}::regclass, ${TENANT_COLUMN}, colocate_with => 'none')`;
    }
    anchor ??= table;
    log(`distributed by tenant_id: ${table}`);
  }
  for (const key of keys) await sql.unsafe(withTenantColumn(key));
}

/**
 * Primary keys and unique constraints gain tenant_id (same name). Ids stay random UUIDs, so
 * uniqueness per tenant loses nothing in practice; a unique index that is not a constraint
 * cannot be rewritten safely here and stops the step with its name.
 */
async function widenUniqueKeys(sql: Sql, table: string): Promise<void> {
  const constraints = await sql<{ name: string; kind: string; columns: string[] }[]>`
    select c.conname as name, c.contype as kind,
           array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
                   join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns
      from pg_constraint c
     where c.conrelid = ${`public.${ident(table)}`}::regclass and c.contype in ('p', 'u')`;
  for (const { name, kind, columns } of constraints) {
    if (columns.includes(TENANT_COLUMN)) continue;
    const what = kind === 'p' ? 'PRIMARY KEY' : 'UNIQUE';
    const cols = [...columns, TENANT_COLUMN].map(ident).join(', ');
    // Two statements: Citus refuses ADD CONSTRAINT beside other subcommands.
    await sql.unsafe(`ALTER TABLE ${ident(table)} DROP CONSTRAINT ${ident(name)}`);
    await sql.unsafe(`ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(name)} ${what} (${cols})`);
  }
  const [loose] = await sql<{ name: string }[]>`
    select i.indexrelid::regclass::text as name from pg_index i
     where i.indrelid = ${`public.${ident(table)}`}::regclass and i.indisunique
       and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
       and not exists (select 1 from pg_attribute a where a.attrelid = i.indrelid
                         and a.attname = ${TENANT_COLUMN} and a.attnum = any (i.indkey))`;
  if (loose)
    throw new Error(
      `Unique index ${loose.name} on ${table} lacks tenant_id, which Citus cannot enforce across shards: add tenant_id to it in the schema.`,
    );
}

/**
 * The same key with tenant_id on both sides. Citus refuses SET NULL / SET DEFAULT on a key that
 * includes the distribution column (even `SET NULL (col)`), so those become NO ACTION: the key
 * is still enforced, and the code that deletes such a parent clears the references first
 * (deleteWidget does; meetings and sessions are deleted only with their tenant).
 */
function withTenantColumn(key: ForeignKey): string {
  const has = key.columns.includes(TENANT_COLUMN);
  const columns = has ? key.columns : [...key.columns, TENANT_COLUMN];
  const refColumns = has ? key.refColumns : [...key.refColumns, TENANT_COLUMN];
  const onDelete = key.onDelete.startsWith('SET ') ? 'NO ACTION' : key.onDelete;
  return (
    `ALTER TABLE ${ident(key.table)} ADD CONSTRAINT ${ident(key.name)} ` +
    `FOREIGN KEY (${columns.map(ident).join(', ')}) REFERENCES ${ident(key.refTable)} (${refColumns.map(ident).join(', ')}) ` +
    `ON DELETE ${onDelete} ON UPDATE ${key.onUpdate}`
  );
}

const ACTIONS: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

async function foreignKeys(sql: Sql): Promise<ForeignKey[]> {
  const rows = await sql<
    {
      table: string;
      name: string;
      columns: string[];
      refTable: string;
      refColumns: string[];
      del: string;
      upd: string;
    }[]
  >`
    select c.conrelid::regclass::text as table, c.conname as name,
           array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
                   join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
           c.confrelid::regclass::text as "refTable",
           array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
                   join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as "refColumns",
           c.confdeltype as del, c.confupdtype as upd
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
     where c.contype = 'f' and n.nspname = 'public'`;
  return rows.map((r) => ({
    table: unquote(r.table),
    name: r.name,
    columns: r.columns,
    refTable: unquote(r.refTable),
    refColumns: r.refColumns,
    onDelete: ACTIONS[r.del] ?? 'NO ACTION',
    onUpdate: ACTIONS[r.upd] ?? 'NO ACTION',
  }));
}

async function markFullTextMatchLeakproofOnWorkers(
  sql: Sql,
  log: (line: string) => void,
): Promise<void> {
  const failed = await sql`
    select nodename, nodeport, result from run_command_on_workers(
      $$ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF$$) where not success`;
  for (const row of failed)
    log(
      `warning: ts_match_vq left non-leakproof on ${row.nodename}:${row.nodeport} (${row.result}): full-text search scans under RLS there`,
    );
}

/** Tables in Citus metadata, by name: 'distributed', 'reference' or 'local'. */
async function citusTables(sql: Sql): Promise<Map<string, string>> {
  const rows = await sql<{ name: string; type: string }[]>`
    select table_name::text as name, citus_table_type as type from citus_tables`;
  return new Map(rows.map((r) => [unquote(r.name), r.type]));
}

async function tablesWithTenantColumn(sql: Sql): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select c.relname as name from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = ${TENANT_COLUMN} and not a.attisdropped
     where n.nspname = 'public' and c.relkind = 'r' order by c.relname`;
  return rows.map((r) => r.name);
}

async function tableExists(sql: Sql, table: string): Promise<boolean> {
  const [row] = await sql`select to_regclass(${`public.${ident(table)}`}) is not null as found`;
  return Boolean(row?.found);
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}
