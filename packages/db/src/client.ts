import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import type { PostgresJsDatabase, PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { Database } from './database';
import * as schema from './schema';

export type Schema = typeof schema;
export type Orm = PostgresJsDatabase<Schema>;
/**
 * A transaction whose role and tenant are already set. Everything tenant-scoped runs on one.
 * `tx.execute(sql`...`)` resolves to an array of rows (postgres.js everywhere, tests included).
 */
export type Tx = PgTransaction<
  PostgresJsQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;

export interface ConnectOptions {
  /** Pool size; keep the sum over all processes under the server's connection limit. */
  max?: number;
}

/**
 * Connects with postgres.js: production, docker-compose, the embedded dev server and tests alike.
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
  const orm = drizzle(client, { schema });
  acceptDateParameters(client);
  return new Database(orm, () => client.end({ timeout: 5 }));
}

/**
 * drizzle turns postgres.js's date serializers into pass-throughs (its columns convert dates
 * themselves), which makes a `Date` bound in a raw sql`` template crash inside postgres.js.
 * Serialize those to ISO strings; strings (what drizzle's columns send) pass unchanged.
 * Raw `tx.execute` results keep timestamps as strings, as drizzle leaves them.
 */
function acceptDateParameters(client: postgres.Sql): void {
  const toIso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  for (const oid of ['1082', '1114', '1184']) {
    (client.options.serializers as Record<string, (value: unknown) => unknown>)[oid] = toIso;
  }
}
