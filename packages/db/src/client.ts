import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDialect, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle, PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js';
import type { PostgresJsDatabase, PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';
import type { RelationalSchemaConfig } from 'drizzle-orm/relations';
import postgres from 'postgres';
import { Database } from './database';
import type { DatabaseActivity, RunTransaction } from './database';
import * as schema from './schema';

export type Schema = typeof schema;
export type Orm = PostgresJsDatabase<Schema>;
type Relations = ExtractTablesWithRelations<Schema>;
/**
 * A transaction whose role and tenant are already set. Everything tenant-scoped runs on one.
 * `tx.execute(sql`...`)` resolves to an array of rows (postgres.js everywhere, tests included).
 */
export type Tx = PgTransaction<PostgresJsQueryResultHKT, Schema, Relations>;

type TransactionSession = ConstructorParameters<typeof PostgresJsTransaction<Schema, Relations>>[1];

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
  return databaseOver(client);
}

/** A Database over a postgres.js client you made (tests: a one-connection pool to inspect). */
export function databaseOver(client: postgres.Sql): Database {
  const orm = drizzle(client, { schema });
  acceptDateParameters(client); // after drizzle(), which replaces the serializers
  const activity: DatabaseActivity = { transactions: 0, statements: 0 };
  return new Database(
    transactionsOn(client, orm, activity),
    () => client.end({ timeout: 5 }),
    activity,
  );
}

/**
 * Transactions on a reserved pool connection, opened by our own first query instead of Drizzle's
 * `transaction()` (whose BEGIN postgres.js sends alone and awaits, and whose options cannot carry
 * SET LOCAL). The setup is handed to the connection before `work` exists, so every statement of
 * the work, whichever Drizzle or postgres.js API sends it, queues behind it on the same socket.
 */
function transactionsOn(
  client: postgres.Sql,
  orm: Orm,
  activity: DatabaseActivity,
): RunTransaction {
  // What drizzle() computed from the schema once; each transaction only wraps it.
  const { dialect } = orm as unknown as { dialect: PgDialect };
  const relations: RelationalSchemaConfig<Relations> = {
    fullSchema: orm._.fullSchema,
    schema: orm._.schema!,
    tableNamesMap: orm._.tableNamesMap,
  };
  return async <T>(setup: string, work: (tx: Tx) => Promise<T>): Promise<T> => {
    const connection = countingStatements(await client.reserve(), activity);
    activity.transactions += 1;
    let alive = true;
    try {
      const settingUp = connection.unsafe(setup).execute();
      // postgres.js dispatches a query one microtask after `execute()`; past this macrotask
      // boundary it is on the connection, ahead of anything `work` will send.
      await new Promise((resolve) => setImmediate(resolve));
      const session = new PostgresJsSession<postgres.Sql, Schema, Relations>(
        connection,
        dialect,
        relations,
      );
      // Drizzle types a transaction's client as a TransactionSql; a reserved connection lacks
      // only savepoint() (nested transactions, which this project refuses anyway).
      const tx: Tx = new PostgresJsTransaction<Schema, Relations>(
        dialect,
        session as unknown as TransactionSession,
        relations,
      );
      let result: T;
      try {
        result = await work(tx);
      } finally {
        await settingUp; // a failed setup is the error to report, whatever `work` threw
      }
      await connection.unsafe('commit');
      return result;
    } catch (error) {
      await connection.unsafe('rollback').catch(() => (alive = false));
      throw error;
    } finally {
      // A connection that could not roll back is dead; postgres.js already returned it to its
      // pool of closed connections (to reconnect), and releasing it would mark it open.
      if (alive) connection.release();
    }
  };
}

/**
 * The reserved connection with every query sent through it counted (setup and commit included):
 * Drizzle and raw `tx.execute` both send through `unsafe`. One increment per statement, so it
 * stays on; `pnpm bench turn` prints the count per turn.
 */
function countingStatements(
  connection: postgres.ReservedSql,
  activity: DatabaseActivity,
): postgres.ReservedSql {
  const unsafe = connection.unsafe.bind(connection);
  return Object.assign(connection, {
    unsafe: ((...args: Parameters<typeof unsafe>) => {
      activity.statements += 1;
      return unsafe(...args);
    }) as typeof unsafe,
  });
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
