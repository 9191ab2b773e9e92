import type { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';
import { Database } from './database';

export type Schema = typeof schema;
export type Orm = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction whose role and tenant are already set. Everything tenant-scoped runs on one. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface ConnectOptions {
  /** Pool size; keep the sum over all processes under the server's connection limit. */
  max?: number;
}

/**
 * Connects with postgres.js: production, docker-compose and the embedded dev server alike.
 * `prepare: false` because PgBouncer in transaction mode and the embedded server (one Postgres
 * session behind every connection) cannot keep per-connection named statements apart.
 */
export function connectPostgres(url: string, options: ConnectOptions = {}): Database {
  const client = postgres(url, {
    max: options.max ?? 10,
    prepare: false,
    idle_timeout: 20,
    connect_timeout: 10,
    onnotice: () => {},
  });
  const orm = drizzlePostgres(client, { schema, casing: undefined });
  return new Database(orm as unknown as Orm, () => client.end({ timeout: 5 }));
}

/** An in-process PGlite (tests). The caller owns the PGlite and closes it. */
export function connectPglite(pg: PGlite): Database {
  const orm = drizzlePglite(pg, { schema });
  return new Database(orm as unknown as Orm, async () => {});
}
