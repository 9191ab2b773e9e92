import { createHash } from 'node:crypto';
import { meetings, processedWebhooks, sessions } from '@platform/db';
import type { Database, Tx } from '@platform/db';
import { AppError } from '@platform/errors';
import { and, asc, eq } from 'drizzle-orm';
import { WebhookReceiver } from 'livekit-server-sdk';
import type { WebhookEvent } from 'livekit-server-sdk';
import { recordParticipantMinutes } from '../costs/participant-minutes';
import type { LivekitConfig } from '../env';
import { markEnded } from '../meetings/queries';
import type { MeetingsOptions } from '../options';
import { clock, resolveLivekit } from '../options';
import { joinedAt } from '../rooms/room-service';

export interface WebhookResult {
  /** False for replays, events of rooms that are not meetings, and events meetings ignore. */
  applied: boolean;
  event?: string;
}

const HANDLED = new Set(['participant_joined', 'participant_left', 'room_finished']);

/**
 * Applies one LiveKit webhook delivery. The signature (a JWT signed with the API secret whose
 * `sha256` claim is the body's digest) is verified before the body is even parsed; anything that
 * fails is AppError('UNAUTHENTICATED') and changes nothing.
 *
 * Then, in ONE system transaction (the delivery names a room, not a tenant): the room is resolved
 * to its meeting (row-locked, so deliveries for one meeting apply one at a time), the event id is
 * recorded in `processed_webhooks` (a replay finds it there and changes nothing), and the event is
 * applied with the meeting's tenant id. Recording and applying commit together: a failure rolls
 * both back, and LiveKit's retry applies the event once.
 */
export async function handleLivekitWebhook(
  db: Database,
  rawBody: string,
  authorizationHeader: string | null,
  options: MeetingsOptions = {},
): Promise<WebhookResult> {
  const livekit = resolveLivekit(options);
  const event = await verifyWebhook(livekit, rawBody, authorizationHeader);
  const roomName = event.room?.name;
  if (!HANDLED.has(event.event) || !roomName) return { applied: false, event: event.event };

  const deliveryId = `livekit:${event.id || createHash('sha256').update(rawBody).digest('hex')}`;
  const at = event.createdAt > 0n ? new Date(Number(event.createdAt) * 1000) : clock(options);

  const applied = await db.asSystem('webhook', async (tx) => {
    // Find the room's tenant, then lock the row with it named: Citus refuses a FOR UPDATE that
    // fans out to every shard, and routes one that names the distribution column.
    const [owner] = await tx
      .select({ tenantId: meetings.tenantId })
      .from(meetings)
      .where(eq(meetings.roomName, roomName));
    const [meeting] = owner
      ? await tx
          .select()
          .from(meetings)
          .where(and(eq(meetings.tenantId, owner.tenantId), eq(meetings.roomName, roomName)))
          .for('update')
      : [];
    if (!meeting) return false; // a room this platform did not create (shared LiveKit project)

    const [fresh] = await tx
      .insert(processedWebhooks)
      .values({ id: deliveryId, source: 'livekit' })
      .onConflictDoNothing()
      .returning({ id: processedWebhooks.id });
    if (!fresh) return false; // replay

    switch (event.event) {
      case 'participant_joined':
        await rememberParticipant(tx, meeting, event);
        break;
      case 'participant_left':
        await billParticipant(tx, meeting, event, at, livekit);
        break;
      case 'room_finished':
        await markEnded(tx, meeting.id, at);
        break;
    }
    return true;
  });
  return { applied, event: event.event };
}

async function verifyWebhook(
  livekit: LivekitConfig,
  rawBody: string,
  authorizationHeader: string | null,
): Promise<WebhookEvent> {
  // LiveKit sends the bare JWT; accept a "Bearer " prefix too.
  const token = authorizationHeader?.replace(/^Bearer\s+/i, '').trim();
  if (!token) throw new AppError('UNAUTHENTICATED', 'The webhook has no signature.');
  try {
    return await new WebhookReceiver(livekit.apiKey, livekit.apiSecret).receive(rawBody, token);
  } catch (cause) {
    throw new AppError('UNAUTHENTICATED', 'The webhook signature is not valid.', { cause });
  }
}

type MeetingRow = typeof meetings.$inferSelect;

/** Keeps the distinct identities that joined: the meeting's participant count. */
async function rememberParticipant(tx: Tx, meeting: MeetingRow, event: WebhookEvent) {
  const identity = event.participant?.identity;
  if (!identity) return;
  const known = meeting.metadata?.participants ?? [];
  if (known.includes(identity)) return;
  await tx
    .update(meetings)
    .set({ metadata: { ...meeting.metadata, participants: [...known, identity] } })
    .where(eq(meetings.id, meeting.id));
}

/**
 * A participant's connection time, from their join time (sent in the event) to the event's time,
 * becomes participant minutes on the meeting session. Nothing needs remembering between the
 * joined and left events, so a lost participant_joined does not lose the minutes.
 */
async function billParticipant(
  tx: Tx,
  meeting: MeetingRow,
  event: WebhookEvent,
  at: Date,
  livekit: LivekitConfig,
) {
  const participant = event.participant;
  if (!participant) return;
  const joined = joinedAt(participant.joinedAtMs, participant.joinedAt);
  if (!joined) return; // never fully connected: nothing to bill
  const seconds = Math.max(0, (at.getTime() - joined.getTime()) / 1000);
  const [session] = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.meetingId, meeting.id), eq(sessions.mode, 'meeting')))
    .orderBy(asc(sessions.createdAt))
    .limit(1);
  await recordParticipantMinutes(tx, {
    tenantId: meeting.tenantId,
    sessionId: session?.id ?? null,
    participantMinutes: seconds / 60,
    at,
    priceModel: livekit.priceModel,
    identity: participant.identity,
    meetingId: meeting.id,
  });
}
