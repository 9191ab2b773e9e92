import { sql } from 'drizzle-orm';
import { customType, pgPolicy, pgRole, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Shared column helpers and the one place that declares row-level security for tenant data.
 *
 * Deviation from the seed: timestamps are `timestamptz`. The seed's `timestamp without time zone`
 * silently shifts instants when the server's TimeZone differs from the app's.
 */
export const primaryId = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () =>
  timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** Postgres `tsvector`; drizzle has no built-in type. Read as its text form. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A stored `to_tsvector('english', <column>)` for full-text search under RLS: `stored @@ query`
 * can use a GIN index before the tenant policy (`@@` is LEAKPROOF, migration 0006), where the
 * expression form cannot (`to_tsvector` is not), and matching reads lexemes instead of parsing
 * text per row. `column` is a thunk: the table is still being declared.
 */
export const englishLexemes = (name: string, column: () => AnyPgColumn) =>
  tsvector(name)
    .notNull()
    .generatedAlwaysAs((): SQL => sql`to_tsvector('english'::regconfig, ${column()})`);

/** Requests run as this role: it owns no table and has no BYPASSRLS. Created in migration 0000. */
export const appRole = pgRole('platform_app').existing();
/** The explicit cross-tenant path (`asSystem`) runs as this role; it owns no table either. */
export const systemRole = pgRole('platform_system').existing();

/**
 * The tenant of the current transaction, or NULL when none is set (see migration 0000).
 * A plain call, not the `(select ...)` sub-select Supabase recommends: Citus refuses policies
 * containing a subquery on distributed and reference tables (migration 0014). Nothing is lost:
 * the function is STABLE and inlined, so an index condition evaluates it once per scan.
 */
export const currentTenant = sql`get_current_tenant_id()`;

/**
 * SELECT/INSERT/UPDATE/DELETE policies for the app role, comparing `column` with the
 * transaction's tenant, plus one policy for the explicit system path.
 * FORCE is applied in a custom migration; the schema test fails for any table left without it.
 */
export function tenantPolicies(table: string, column: AnyPgColumn) {
  return tenantPoliciesWhere(table, sql`${column} = ${currentTenant}`);
}

/** As `tenantPolicies`, for tables that reach their tenant through a parent (`own` is the test). */
export function tenantPoliciesWhere(table: string, own: SQL) {
  return [
    pgPolicy(`${table}_select`, { for: 'select', to: appRole, using: own }),
    pgPolicy(`${table}_insert`, { for: 'insert', to: appRole, withCheck: own }),
    pgPolicy(`${table}_update`, { for: 'update', to: appRole, using: own, withCheck: own }),
    pgPolicy(`${table}_delete`, { for: 'delete', to: appRole, using: own }),
    systemPolicy(table),
  ];
}

/** Tables only the system path may touch (tokens, counters, webhook receipts). */
export function systemPolicy(table: string) {
  return pgPolicy(`${table}_system`, {
    for: 'all',
    to: systemRole,
    using: sql`true`,
    withCheck: sql`true`,
  });
}
