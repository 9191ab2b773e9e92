import { randomUUID } from 'node:crypto';
import { meetings, sessions } from '@platform/db';
import type { Database } from '@platform/db';
import { AppError } from '@platform/errors';
import { z } from 'zod';
import { assertMeetingBudget } from '../costs/budget-gate';
import type { MeetingsOptions } from '../options';
import { resolveLivekit } from '../options';
import { roomNameFor } from '../rooms/room-name';
import { LivekitRooms } from '../rooms/room-service';
import type { Meeting } from './queries';
import { toMeeting } from './queries';

export interface MeetingActor {
  tenantId: string;
  userId: string;
}

export const actorSchema = z.object({ tenantId: z.uuid(), userId: z.uuid() });

const createInput = z.object({
  title: z.string().trim().max(200).optional(),
  description: z.string().trim().max(2000).optional(),
});
export type CreateMeetingInput = z.input<typeof createInput>;

/**
 * Creates the LiveKit room, then the `meetings` row and its meeting session in one short
 * transaction. The room call happens first and outside any transaction: if it fails, nothing was
 * written; if the write fails, the room is deleted again, so neither side keeps an orphan.
 */
export async function createMeeting(
  db: Database,
  actor: MeetingActor,
  input: CreateMeetingInput = {},
  options: MeetingsOptions = {},
): Promise<Meeting> {
  const livekit = resolveLivekit(options);
  const who = parseActor(actor);
  const parsed = createInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError('BAD_INPUT', 'Invalid meeting details.', {
      details: { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
    });
  }
  const { title, description } = parsed.data;

  await assertMeetingBudget(db, who.tenantId, livekit);
  const meetingId = randomUUID();
  const roomName = roomNameFor(who.tenantId, meetingId);
  const rooms = new LivekitRooms(livekit);
  const room = await rooms.createRoom(roomName);

  try {
    return await db.withTenant(who.tenantId, async (tx) => {
      const [row] = await tx
        .insert(meetings)
        .values({
          id: meetingId,
          tenantId: who.tenantId,
          roomName,
          livekitRoomId: room.sid,
          createdBy: who.userId,
          metadata: {
            ...(title ? { title } : {}),
            ...(description ? { description } : {}),
            participants: [],
          },
        })
        .returning();
      const [session] = await tx
        .insert(sessions)
        .values({ tenantId: who.tenantId, meetingId, mode: 'meeting' })
        .returning({ id: sessions.id });
      return toMeeting({ ...row!, sessionId: session!.id, costUsd: '0' });
    });
  } catch (error) {
    // Best effort: the write failed, so the room must not outlive it. LiveKit would also close
    // it after its empty timeout, which bounds the damage if this delete fails too.
    await rooms.deleteRoom(roomName).catch(() => undefined);
    throw error;
  }
}

export function parseActor(actor: MeetingActor): MeetingActor {
  const parsed = actorSchema.safeParse(actor);
  // A malformed actor is a caller bug, not user input; it must not reach LiveKit or the DB.
  if (!parsed.success) throw new AppError('UNAUTHENTICATED', 'A signed-in tenant member is required.');
  return parsed.data;
}
