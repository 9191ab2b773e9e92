import { createHash, randomBytes } from 'node:crypto';
import { AccessToken, ParticipantInfo, Room, WebhookEvent } from 'livekit-server-sdk';
import type { WebhookEventNames } from 'livekit-server-sdk';

/**
 * Signs a webhook body the way the LiveKit server does: a JWT issued by the API key, signed
 * with the API secret (HS256), whose `sha256` claim is the base64 SHA-256 of the exact body.
 */
export async function signLivekitWebhook(
  body: string,
  credentials: { apiKey: string; apiSecret: string },
): Promise<string> {
  const token = new AccessToken(credentials.apiKey, credentials.apiSecret, { ttl: '5m' });
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return token.toJwt();
}

export interface WebhookEventInput {
  event: WebhookEventNames;
  roomName: string;
  roomSid?: string;
  participant?: { identity: string; name?: string; joinedAt?: Date };
  /** When LiveKit emitted it; whole seconds on the wire. */
  at?: Date;
  id?: string;
}

/** A webhook body as LiveKit posts it: protobuf JSON (camelCase, 64-bit ints as strings). */
export function livekitWebhookBody(input: WebhookEventInput): string {
  const at = input.at ?? new Date();
  const joined = input.participant?.joinedAt;
  // Fields are set after construction: the SDK's WebhookEvent subclass resets `event` in its
  // constructor, dropping one passed to it.
  const event = new WebhookEvent();
  event.event = input.event;
  event.id = input.id ?? `EV_${randomBytes(6).toString('hex')}`;
  event.createdAt = BigInt(Math.floor(at.getTime() / 1000));
  event.room = new Room({
    sid: input.roomSid ?? `RM_${randomBytes(6).toString('hex')}`,
    name: input.roomName,
  });
  if (input.participant) {
    event.participant = new ParticipantInfo({
      sid: `PA_${randomBytes(6).toString('hex')}`,
      identity: input.participant.identity,
      name: input.participant.name ?? input.participant.identity,
      joinedAt: joined ? BigInt(Math.floor(joined.getTime() / 1000)) : 0n,
      joinedAtMs: joined ? BigInt(joined.getTime()) : 0n,
    });
  }
  return event.toJsonString();
}
