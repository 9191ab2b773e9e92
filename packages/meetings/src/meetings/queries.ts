import { costEvents, meetings, sessions, tenantOf } from '@platform/db';
import type { MeetingMetadata, Tx } from '@platform/db';
import { AppError } from '@platform/errors';
import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';

export type MeetingStatus = 'live' | 'ended';

/** What every read of a meeting returns: the row plus the figures the dashboard lists. */
export interface Meeting {
  id: string;
  tenantId: string;
  title: string | null;
  description: string | null;
  roomName: string;
  status: MeetingStatus;
  createdBy: string | null;
  startedAt: Date;
  endedAt: Date | null;
  /** Seconds from start to end, or to now while live. */
  durationSeconds: number;
  /** Distinct participants (members and guests) who joined, from LiveKit's webhooks. */
  participantCount: number;
  /** Sum of the meeting session's cost events, as an exact decimal string (USD). */
  costUsd: string;
  /** The `sessions` row (mode 'meeting') that ties costs and messages to this meeting. */
  sessionId: string | null;
}

const uuid = z.uuid();

const columns = {
  id: meetings.id,
  tenantId: meetings.tenantId,
  roomName: meetings.roomName,
  createdBy: meetings.createdBy,
  startedAt: meetings.startedAt,
  endedAt: meetings.endedAt,
  metadata: meetings.metadata,
};
type MeetingRow = {
  id: string;
  tenantId: string;
  roomName: string;
  createdBy: string | null;
  startedAt: Date;
  endedAt: Date | null;
  metadata: MeetingMetadata | null;
};
type MeetingRecord = MeetingRow & { sessionId: string | null; costUsd: string };

/**
 * Adds each meeting's session and cost with two set queries for the whole page (not per row).
 * Joins rather than correlated sql`` subqueries: drizzle renders a single-table selection's
 * columns unqualified, which would silently compare a subquery's columns with themselves.
 */
async function withSessionsAndCosts(tx: Tx, rows: MeetingRow[]): Promise<MeetingRecord[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const meetingSessions = await tx
    .select({ id: sessions.id, meetingId: sessions.meetingId })
    .from(sessions)
    .where(and(inArray(sessions.meetingId, ids), eq(sessions.mode, 'meeting')))
    .orderBy(desc(sessions.createdAt));
  const costs = await tx
    .select({
      meetingId: sessions.meetingId,
      total: sql<string>`coalesce(sum(${costEvents.costUsd}), 0)::text`,
    })
    .from(costEvents)
    // Joined on tenant_id too: on Citus a join of tenant tables must include it.
    .innerJoin(
      sessions,
      and(eq(costEvents.sessionId, sessions.id), eq(costEvents.tenantId, sessions.tenantId)),
    )
    .where(inArray(sessions.meetingId, ids))
    .groupBy(sessions.meetingId);
  // Oldest session wins: iterate newest first so the last write is the first-created session.
  const sessionOf = new Map(meetingSessions.map((s) => [s.meetingId, s.id]));
  const costOf = new Map(costs.map((c) => [c.meetingId, c.total]));
  return rows.map((r) => ({
    ...r,
    sessionId: sessionOf.get(r.id) ?? null,
    costUsd: costOf.get(r.id) ?? '0',
  }));
}

export function toMeeting(row: MeetingRecord, now: Date = new Date()): Meeting {
  const end = row.endedAt ?? now;
  return {
    id: row.id,
    tenantId: row.tenantId,
    title: row.metadata?.title ?? null,
    description: row.metadata?.description ?? null,
    roomName: row.roomName,
    status: row.endedAt ? 'ended' : 'live',
    createdBy: row.createdBy,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    durationSeconds: Math.max(0, Math.round((end.getTime() - row.startedAt.getTime()) / 1000)),
    participantCount: row.metadata?.participants?.length ?? 0,
    costUsd: row.costUsd,
    sessionId: row.sessionId,
  };
}

/** The meeting, or AppError NOT_FOUND when it is missing or another tenant's (RLS hides those). */
export async function getMeeting(tx: Tx, meetingId: string): Promise<Meeting> {
  if (!uuid.safeParse(meetingId).success) throw new AppError('NOT_FOUND', 'Meeting not found.');
  const [row] = await tx.select(columns).from(meetings).where(eq(meetings.id, meetingId));
  if (!row) throw new AppError('NOT_FOUND', 'Meeting not found.');
  const [record] = await withSessionsAndCosts(tx, [row]);
  return toMeeting(record!);
}

const listInput = z.object({
  limit: z.number().int().min(1).max(100),
  cursor: z.uuid().optional(),
  status: z.enum(['live', 'ended']).optional(),
});
export type ListMeetingsInput = z.input<typeof listInput>;

export interface MeetingPage {
  items: Meeting[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/**
 * Newest first. The cursor is the last meeting's id: the page continues strictly after that row's
 * (started_at, id), read in SQL so timestamps keep their microseconds. Another tenant's id as a
 * cursor matches no row under RLS and yields an empty page.
 */
export async function listMeetings(tx: Tx, input: ListMeetingsInput): Promise<MeetingPage> {
  const parsed = listInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError('BAD_INPUT', 'Invalid meeting list request.', {
      details: { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
    });
  }
  const { limit, cursor, status } = parsed.data;
  const after = cursor
    ? sql`(${meetings.startedAt}, ${meetings.id}) < (
        select c.started_at, c.id from ${meetings} c where c.id = ${cursor})`
    : undefined;
  const byStatus =
    status === 'live'
      ? isNull(meetings.endedAt)
      : status === 'ended'
        ? isNotNull(meetings.endedAt)
        : undefined;
  const rows = await tx
    .select(columns)
    .from(meetings)
    .where(and(after, byStatus))
    .orderBy(desc(meetings.startedAt), desc(meetings.id))
    .limit(limit + 1);
  const now = new Date();
  const items = (await withSessionsAndCosts(tx, rows.slice(0, limit))).map((r) =>
    toMeeting(r, now),
  );
  return rows.length > limit ? { items, nextCursor: items.at(-1)!.id } : { items };
}

/** The raw row for a state change, locked so concurrent end/webhook writes serialise. */
export async function lockMeeting(tx: Tx, meetingId: string) {
  if (!uuid.safeParse(meetingId).success) throw new AppError('NOT_FOUND', 'Meeting not found.');
  // Naming the tenant lets Citus route the lock to one shard (it refuses a fan-out FOR UPDATE).
  const [row] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.tenantId, tenantOf(tx)), eq(meetings.id, meetingId)))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND', 'Meeting not found.');
  return row;
}

/** Marks a meeting and its meeting sessions ended at `at`; a meeting already ended keeps its time. */
export async function markEnded(tx: Tx, meetingId: string, at: Date): Promise<void> {
  await tx
    .update(meetings)
    .set({ endedAt: at })
    .where(and(eq(meetings.id, meetingId), isNull(meetings.endedAt)));
  await tx
    .update(sessions)
    .set({ endedAt: at })
    .where(
      and(
        eq(sessions.meetingId, meetingId),
        eq(sessions.mode, 'meeting'),
        isNull(sessions.endedAt),
      ),
    );
}
