import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '@platform/errors';

/**
 * Keyset pagination on (time column, id), newest first, as the seed's listSessions (input: pageInput).
 * The cursor is opaque to clients: base64url of the last row's timestamp (microseconds, UTC, as
 * Postgres keeps it; a JS Date would drop the microseconds and skip or repeat rows) and id.
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const TS_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US';
const TS_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Select this as `cursor` next to the row's columns. */
export function cursorColumn(time: AnyPgColumn, id: AnyPgColumn): SQL<string> {
  return sql<string>`to_char(${time} at time zone 'UTC', ${TS_FORMAT}) || '|' || ${id}::text`;
}

export function decodeCursor(cursor: string): { ts: string; id: string } {
  const [ts, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!ts || !id || !TS_PATTERN.test(ts) || !UUID_PATTERN.test(id)) {
    throw new AppError('BAD_INPUT', 'This cursor is not valid.', { details: { field: 'cursor' } });
  }
  return { ts, id };
}

/** Rows strictly after the cursor in (time desc, id desc) order; undefined for the first page. */
export function afterCursor(
  time: AnyPgColumn,
  id: AnyPgColumn,
  cursor: string | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  return sql`(${time}, ${id}) < ((${c.ts}::timestamp at time zone 'UTC'), ${c.id}::uuid)`;
}

/** Query `limit + 1` rows; this trims the extra one and turns the last row into the next cursor. */
export function toPage<T extends { cursor: string }>(
  rows: T[],
  limit: number,
): Page<Omit<T, 'cursor'>> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(({ cursor: _cursor, ...item }) => item),
    nextCursor: more && last ? Buffer.from(last.cursor, 'utf8').toString('base64url') : null,
  };
}
