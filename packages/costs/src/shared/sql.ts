import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '@platform/db';

export { rowsOf };

export async function query<T>(tx: Tx, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await tx.execute(statement));
}

/**
 * A transaction-scoped advisory lock on a hash of `key` (released at commit or rollback).
 * Keys are namespaced ("costs:budget:<tenant>") so unrelated locks rarely share a hash; a
 * collision only serializes two tenants briefly, it never breaks correctness.
 */
export async function advisoryXactLock(tx: Tx, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/** A timestamptz as ISO-8601 UTC text with microseconds, independent of the session TimeZone. */
export function isoUtc(column: unknown): SQL<string> {
  return sql<string>`to_char((${column}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
