import type { Database } from '@platform/db';
import type { MeetingsOptions } from '../options';
import { clock, resolveLivekit } from '../options';
import { LivekitRooms } from '../rooms/room-service';
import type { MeetingActor } from './create';
import { parseActor } from './create';
import type { Meeting } from './queries';
import { getMeeting, lockMeeting, markEnded } from './queries';

/**
 * Ends a meeting: deletes its LiveKit room (which disconnects everyone; LiveKit then sends the
 * participant_left webhooks that bill the last minutes), then sets `ended_at` on the meeting and
 * its meeting session. Ending an ended meeting returns it unchanged. If the room cannot be
 * deleted, nothing is marked, so the caller can retry.
 */
export async function endMeeting(
  db: Database,
  actor: MeetingActor,
  meetingId: string,
  options: MeetingsOptions = {},
): Promise<Meeting> {
  const livekit = resolveLivekit(options);
  const { tenantId } = parseActor(actor);
  const before = await db.withTenant(tenantId, (tx) => getMeeting(tx, meetingId));
  if (before.status === 'ended') return before;

  await new LivekitRooms(livekit).deleteRoom(before.roomName);

  return db.withTenant(tenantId, async (tx) => {
    await lockMeeting(tx, meetingId);
    await markEnded(tx, meetingId, clock(options));
    return getMeeting(tx, meetingId);
  });
}
