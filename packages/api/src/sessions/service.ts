import { and, asc, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { messages, sessions, widgets } from '@platform/db';
import type { Tx } from '@platform/db';
import { notFound } from '@platform/errors';
import { afterCursor, cursorColumn, toPage } from '../lib/pagination';
import type { listSessionsInput } from './schema';

/** A transcript view shows at most this many messages; longer ones say so. */
export const MAX_TRANSCRIPT_MESSAGES = 1000;

/** Joined on tenant_id too: on Citus a join of tenant tables must include it. */
const widgetOfSession = and(
  eq(widgets.id, sessions.widgetId),
  eq(widgets.tenantId, sessions.tenantId),
);

const sessionColumns = {
  id: sessions.id,
  widgetId: sessions.widgetId,
  widgetName: widgets.name,
  meetingId: sessions.meetingId,
  mode: sessions.mode,
  costUsd: sessions.costUsd,
  metadata: sessions.metadata,
  createdAt: sessions.createdAt,
  endedAt: sessions.endedAt,
};

/** Message counts for a page in one grouped query (see knowledge/service.ts on correlated sql``). */
async function withMessageCounts<T extends { id: string }>(
  tx: Tx,
  rows: T[],
): Promise<Array<T & { messageCount: number }>> {
  if (rows.length === 0) return [];
  const counts = await tx
    .select({ sessionId: messages.sessionId, n: count() })
    .from(messages)
    .where(
      inArray(
        messages.sessionId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(messages.sessionId);
  const byId = new Map(counts.map((c) => [c.sessionId, c.n]));
  return rows.map((r) => ({ ...r, messageCount: byId.get(r.id) ?? 0 }));
}

/**
 * Conversations with a visitor or assistant message matching the words (English stemming: a
 * search for "refunds" finds "refund"). The query is a bound parameter parsed by
 * websearch_to_tsquery, which never fails on user syntax. Matching reads the stored lexemes
 * (messages.content_tsv) and can use their GIN index under RLS, instead of parsing every message
 * of the tenant.
 */
function containsWords(search: string) {
  return sql`exists (
    select 1 from ${messages}
    where ${messages.sessionId} = ${sessions.id}
      and ${messages.role} in ('user', 'assistant')
      and ${messages.contentTsv} @@ websearch_to_tsquery('english', ${search})
  )`;
}

export async function listSessions(tx: Tx, input: z.output<typeof listSessionsInput>) {
  if (input.widgetId) {
    // Filtering by another tenant's widget is NOT_FOUND, as everywhere else, not an empty list.
    const [widget] = await tx
      .select({ id: widgets.id })
      .from(widgets)
      .where(eq(widgets.id, input.widgetId));
    if (!widget) throw notFound('Widget');
  }
  const rows = await tx
    .select({ ...sessionColumns, cursor: cursorColumn(sessions.createdAt, sessions.id) })
    .from(sessions)
    .leftJoin(widgets, widgetOfSession)
    .where(
      and(
        input.widgetId ? eq(sessions.widgetId, input.widgetId) : undefined,
        input.mode ? eq(sessions.mode, input.mode) : undefined,
        input.from ? gte(sessions.createdAt, input.from) : undefined,
        input.to ? lt(sessions.createdAt, input.to) : undefined,
        input.search ? containsWords(input.search) : undefined,
        afterCursor(sessions.createdAt, sessions.id, input.cursor),
      ),
    )
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(input.limit + 1);
  const page = toPage(rows, input.limit);
  return { items: await withMessageCounts(tx, page.items), nextCursor: page.nextCursor };
}

export async function getSession(tx: Tx, id: string) {
  const [session] = await tx
    .select(sessionColumns)
    .from(sessions)
    .leftJoin(widgets, widgetOfSession)
    .where(eq(sessions.id, id));
  if (!session) throw notFound('Conversation');
  const rows = await tx
    .select({
      id: messages.id,
      role: messages.role,
      content: messages.content,
      attachments: messages.attachments,
      metadata: messages.metadata,
      timestamp: messages.timestamp,
    })
    .from(messages)
    .where(eq(messages.sessionId, id))
    .orderBy(asc(messages.timestamp), asc(messages.id))
    .limit(MAX_TRANSCRIPT_MESSAGES + 1);
  const [counted] = await withMessageCounts(tx, [session]);
  return {
    ...counted!,
    messages: rows.slice(0, MAX_TRANSCRIPT_MESSAGES),
    messagesTruncated: rows.length > MAX_TRANSCRIPT_MESSAGES,
  };
}
