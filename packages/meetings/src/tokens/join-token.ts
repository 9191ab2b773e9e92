import type { Database } from '@platform/db';
import { AppError } from '@platform/errors';
import { AccessToken } from 'livekit-server-sdk';
import type { VideoGrant } from 'livekit-server-sdk';
import { z } from 'zod';
import { assertMeetingBudget } from '../costs/budget-gate';
import type { LivekitConfig } from '../env';
import { parseActor } from '../meetings/create';
import { getMeeting } from '../meetings/queries';
import type { Meeting } from '../meetings/queries';
import type { MeetingsOptions } from '../options';
import { resolveLivekit } from '../options';

export interface JoinToken {
  /** The LiveKit access token (JWT) the browser connects with. */
  token: string;
  /** The LiveKit server the browser connects to. */
  serverUrl: string;
  roomName: string;
  /** After this the token no longer admits anyone; a connected participant stays connected. */
  expiresAt: Date;
}

export interface JoinActor {
  tenantId: string;
  userId: string;
  displayName: string;
}

/** Guests' identities carry this prefix, so they can never collide with a user id (a uuid). */
export const GUEST_IDENTITY_PREFIX = 'guest-';

/**
 * The grants a meeting participant needs and nothing more: join this one room, publish camera and
 * microphone, subscribe to others, and send data (the in-room chat of @livekit/components-react).
 * No roomAdmin, roomCreate, roomList, recorder or hidden: a participant cannot manage the room.
 */
export function participantGrant(roomName: string): VideoGrant {
  return {
    roomJoin: true,
    room: roomName,
    canPublish: true,
    canSubscribe: true,
    canPublishData: true,
  };
}

const displayNameSchema = z.string().trim().min(1).max(80);

/** A join token for a tenant member: the identity is the signed-in user's id. */
export async function createJoinToken(
  db: Database,
  actor: JoinActor,
  meetingId: string,
  options: MeetingsOptions = {},
): Promise<JoinToken> {
  const livekit = resolveLivekit(options);
  const { tenantId, userId } = parseActor(actor);
  const name = displayNameSchema.safeParse(actor.displayName);
  const meeting = await db.withTenant(tenantId, (tx) => getMeeting(tx, meetingId));
  assertJoinable(meeting);
  await assertMeetingBudget(db, tenantId, livekit);
  return mintJoinToken(livekit, {
    roomName: meeting.roomName,
    identity: userId,
    name: name.success ? name.data : 'Member',
  });
}

export function assertJoinable(meeting: Meeting): void {
  if (meeting.status === 'ended') throw new AppError('CONFLICT', 'This meeting has ended.');
}

export async function mintJoinToken(
  livekit: LivekitConfig,
  input: { roomName: string; identity: string; name: string },
): Promise<JoinToken> {
  const ttlSeconds = livekit.tokenTtlMinutes * 60;
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
    identity: input.identity,
    name: input.name,
    ttl: ttlSeconds,
  });
  token.addGrant(participantGrant(input.roomName));
  const jwt = await token.toJwt();
  return { token: jwt, serverUrl: livekit.url, roomName: input.roomName, expiresAt: expiryOf(jwt) };
}

/** The `exp` the SDK stamped (it reads the clock itself), so the caller sees the token's own expiry. */
function expiryOf(jwt: string): Date {
  const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as {
    exp: number;
  };
  return new Date(claims.exp * 1000);
}
