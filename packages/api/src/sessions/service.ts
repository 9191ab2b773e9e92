import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { messages, sessions, widgets } from '@platform/db';
import type { Tx } from '@platform/db';
import { notFound } from '@platform/errors';
import { afterCursor, cursorColumn, toPage } from '../lib/pagination';
import type { listSessionsInput } from './schema';

/** A transcript view shows at most this many messages; longer ones say so. */
export const MAX_TRANSCRIPT_MESSAGES = 1000;

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
  messageCount:
    sql<number>`(select count(*) from ${messages} where ${messages.sessionId} = ${sessions.id})`.mapWith(
      Number,
    ),
};

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
    .leftJoin(widgets, eq(widgets.id, sessions.widgetId))
    .where(
      and(
        input.widgetId ? eq(sessions.widgetId, input.widgetId) : undefined,
        input.mode ? eq(sessions.mode, input.mode) : undefined,
        input.from ? gte(sessions.createdAt, input.from) : undefined,
        input.to ? lt(sessions.createdAt, input.to) : undefined,
        afterCursor(sessions.createdAt, sessions.id, input.cursor),
      ),
    )
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(input.limit + 1);
  return toPage(rows, input.limit);
}

export async function getSession(tx: Tx, id: string) {
  const [session] = await tx
    .select(sessionColumns)
    .from(sessions)
    .leftJoin(widgets, eq(widgets.id, sessions.widgetId))
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
  return {
    ...session,
    messages: rows.slice(0, MAX_TRANSCRIPT_MESSAGES),
    messagesTruncated: rows.length > MAX_TRANSCRIPT_MESSAGES,
  };
}
