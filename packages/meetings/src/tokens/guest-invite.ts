import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Database } from '@platform/db';
import { AppError } from '@platform/errors';
import { z } from 'zod';
import { assertMeetingBudget } from '../costs/budget-gate';
import type { LivekitConfig } from '../env';
import type { MeetingActor } from '../meetings/create';
import { parseActor } from '../meetings/create';
import { getMeeting } from '../meetings/queries';
import type { MeetingsOptions } from '../options';
import { clock, resolveLivekit } from '../options';
import type { JoinToken } from './join-token';
import { assertJoinable, GUEST_IDENTITY_PREFIX, mintJoinToken } from './join-token';

/**
 * Guest invite links: `v1.<payload>.<signature>`, base64url, where the signature is
 * HMAC-SHA256 over `v1.<payload>`. The key is MEETING_GUEST_SECRET, or one derived from the
 * LiveKit API secret for this purpose only, so an invite can never double as a LiveKit token.
 * The payload names the tenant, meeting, guest identity, display name and expiry; the guest
 * chooses none of them. One link is one guest identity: a second person using the same link
 * takes over that identity's seat (LiveKit disconnects the first), so links are not shareable.
 */
const VERSION = 'v1';
export const MAX_INVITE_TTL_MINUTES = 7 * 24 * 60;

const payloadSchema = z.object({
  t: z.uuid(), // tenant
  m: z.uuid(), // meeting
  g: z.string().startsWith(GUEST_IDENTITY_PREFIX), // guest identity
  n: z.string().min(1).max(80), // display name
  e: z.number().int(), // expiry, unix seconds
});
type InvitePayload = z.infer<typeof payloadSchema>;

const inviteInput = z.object({
  name: z.string().trim().min(1).max(80),
  ttlMinutes: z.number().int().min(1).max(MAX_INVITE_TTL_MINUTES),
});
export type GuestInviteInput = z.input<typeof inviteInput>;

export interface GuestInvite {
  /** Put it in the join link; it is the guest's only credential. */
  token: string;
  expiresAt: Date;
  /** The LiveKit identity the guest will have (for showing who joined). */
  guestIdentity: string;
}

export interface GuestJoin extends JoinToken {
  displayName: string;
  meetingId: string;
  meetingTitle: string | null;
}

/** A signed link token letting one named guest join a live meeting until `ttlMinutes` pass. */
export async function createGuestInvite(
  db: Database,
  actor: MeetingActor,
  meetingId: string,
  input: GuestInviteInput,
  options: MeetingsOptions = {},
): Promise<GuestInvite> {
  const livekit = resolveLivekit(options);
  const { tenantId } = parseActor(actor);
  const parsed = inviteInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError('BAD_INPUT', 'Invalid guest invite.', {
      details: { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
    });
  }
  const meeting = await db.withTenant(tenantId, (tx) => getMeeting(tx, meetingId));
  assertJoinable(meeting);

  const expiry = Math.floor(clock(options).getTime() / 1000) + parsed.data.ttlMinutes * 60;
  const payload: InvitePayload = {
    t: tenantId,
    m: meeting.id,
    g: `${GUEST_IDENTITY_PREFIX}${randomUUID()}`,
    n: parsed.data.name,
    e: expiry,
  };
  return {
    token: sign(livekit, payload),
    expiresAt: new Date(expiry * 1000),
    guestIdentity: payload.g,
  };
}

/**
 * Exchanges a guest invite for a LiveKit join token. Public (the guest has no session): the
 * tenant comes from the verified invite, so the lookup still runs under that tenant's RLS.
 * A forged or altered invite is NOT_FOUND (nothing is confirmed); an expired one is
 * UNAUTHENTICATED; an ended meeting is CONFLICT.
 */
export async function redeemGuestInvite(
  db: Database,
  inviteToken: string,
  options: MeetingsOptions = {},
): Promise<GuestJoin> {
  const livekit = resolveLivekit(options);
  const invite = verify(livekit, inviteToken);
  if (!invite) throw new AppError('NOT_FOUND', 'Invite not found.');
  if (invite.e * 1000 <= clock(options).getTime()) {
    throw new AppError('UNAUTHENTICATED', 'This invite link has expired. Ask the host for a new one.');
  }
  const meeting = await db.withTenant(invite.t, (tx) => getMeeting(tx, invite.m));
  assertJoinable(meeting);
  await assertMeetingBudget(db, invite.t, livekit);
  const join = await mintJoinToken(livekit, {
    roomName: meeting.roomName,
    identity: invite.g,
    name: invite.n,
  });
  return { ...join, displayName: invite.n, meetingId: meeting.id, meetingTitle: meeting.title };
}

function inviteKey(livekit: LivekitConfig): Buffer {
  if (livekit.guestSecret) return Buffer.from(livekit.guestSecret, 'utf8');
  return createHmac('sha256', livekit.apiSecret).update('platform/meetings/guest-invite/v1').digest();
}

function mac(livekit: LivekitConfig, signed: string): Buffer {
  return createHmac('sha256', inviteKey(livekit)).update(signed).digest();
}

function sign(livekit: LivekitConfig, payload: InvitePayload): string {
  const body = `${VERSION}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${mac(livekit, body).toString('base64url')}`;
}

/** The payload of a genuine invite, or undefined; the signature is checked before parsing. */
function verify(livekit: LivekitConfig, token: string): InvitePayload | undefined {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3 || parts[0] !== VERSION) return undefined;
  const [version, payload, signature] = parts as [string, string, string];
  const expected = mac(livekit, `${version}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
