import { meetings } from '@platform/db';
import type { Database } from '@platform/db';
import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { MeetingsOptions } from '../options';
import { clock, resolveLivekit } from '../options';
import type { LiveParticipant } from '../rooms/room-service';
import { LivekitRooms, ROOM_EMPTY_TIMEOUT_SECONDS } from '../rooms/room-service';
import type { MeetingActor } from './create';
import { parseActor } from './create';
import { getMeeting, markEnded } from './queries';

/** Who is in the meeting's room right now (empty once it ended). Another tenant's: NOT_FOUND. */
export async function listLiveParticipants(
  db: Database,
  actor: MeetingActor,
  meetingId: string,
  options: MeetingsOptions = {},
): Promise<LiveParticipant[]> {
  const livekit = resolveLivekit(options);
  const { tenantId } = parseActor(actor);
  const meeting = await db.withTenant(tenantId, (tx) => getMeeting(tx, meetingId));
  if (meeting.status === 'ended') return [];
  return new LivekitRooms(livekit).listParticipants(meeting.roomName);
}

/**
 * Webhooks can be lost (server restarts, an unreachable app). This ends the tenant's live meetings
 * whose room LiveKit no longer has, once they are older than the room's empty timeout (before
 * that, a room may simply not exist yet on a slow server). Safe to run often; returns ended ids.
 */
export async function reconcileLiveMeetings(
  db: Database,
  tenantId: string,
  options: MeetingsOptions = {},
): Promise<string[]> {
  const livekit = resolveLivekit(options);
  const now = clock(options);
  const cutoff = new Date(now.getTime() - ROOM_EMPTY_TIMEOUT_SECONDS * 1000);
  const live = await db.withTenant(tenantId, (tx) =>
    tx
      .select({ id: meetings.id, roomName: meetings.roomName })
      .from(meetings)
      .where(and(isNull(meetings.endedAt), lt(meetings.startedAt, cutoff))),
  );
  if (live.length === 0) return [];

  const open = new Set(
    (await new LivekitRooms(livekit).listRooms(live.map((m) => m.roomName))).map((r) => r.name),
  );
  const gone = live.filter((m) => !open.has(m.roomName)).map((m) => m.id);
  if (gone.length === 0) return [];

  return db.withTenant(tenantId, async (tx) => {
    const locked = await tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(
        and(eq(meetings.tenantId, tenantId), inArray(meetings.id, gone), isNull(meetings.endedAt)),
      )
      .for('update');
    for (const { id } of locked) await markEnded(tx, id, now);
    return locked.map((m) => m.id);
  });
}
