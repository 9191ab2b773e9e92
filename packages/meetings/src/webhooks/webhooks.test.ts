import { AccessToken } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../meetings/create';
import type { Meeting } from '../meetings/queries';
import { getMeeting } from '../meetings/queries';
import { newTenant, setupMeetingsTest } from '../test/setup';
import type { MeetingsTest } from '../test/setup';
import { livekitWebhookBody, signLivekitWebhook } from '../testing/webhooks';
import type { WebhookEventInput } from '../testing/webhooks';
import { handleLivekitWebhook } from './handle';

let t: MeetingsTest;
let acme: Awaited<ReturnType<typeof newTenant>>;
let globex: Awaited<ReturnType<typeof newTenant>>;

beforeAll(async () => {
  t = await setupMeetingsTest();
  acme = await newTenant(t.db, 'Acme');
  globex = await newTenant(t.db, 'Globex');
});
afterAll(() => t.close());

/** Posts an event as LiveKit would: the body and its signature. */
async function deliver(input: WebhookEventInput) {
  const body = livekitWebhookBody(input);
  const auth = await signLivekitWebhook(body, t.livekit.config);
  return { body, auth, result: await handleLivekitWebhook(t.db, body, auth, t.options) };
}

/** Everything a webhook may change, to assert that a rejected one changed nothing. */
async function snapshot() {
  return {
    meetings: await t.raw('select id, ended_at, metadata from meetings order by id'),
    sessions: await t.raw('select id, ended_at, cost_usd from sessions order by id'),
    costs: await t.raw('select id, cost_usd from cost_events order by id'),
    processed: await t.raw('select id from processed_webhooks order by id'),
  };
}

const livekitCosts = (meeting: Meeting) =>
  t.raw(
    `select tenant_id, session_id, service, provider, cost_usd, metadata, timestamp
       from cost_events where metadata->>'meetingId' = $1 order by timestamp`,
    [meeting.id],
  );

describe('verified deliveries', () => {
  it('turns a participant session into participant minutes on the meeting session', async () => {
    const meeting = await createMeeting(t.db, acme, {}, t.options);
    const joinedAt = new Date('2026-11-23T10:00:00.250Z');
    const leftAt = new Date('2026-11-23T10:03:30Z');
    const participant = { identity: acme.userId, name: 'Ann', joinedAt };

    const joined = await deliver({ event: 'participant_joined', roomName: meeting.roomName, participant, at: joinedAt });
    expect(joined.result).toEqual({ applied: true, event: 'participant_joined' });
    const left = await deliver({ event: 'participant_left', roomName: meeting.roomName, participant, at: leftAt });
    expect(left.result).toEqual({ applied: true, event: 'participant_left' });

    const [cost, ...more] = await livekitCosts(meeting);
    expect(more).toEqual([]);
    // 209.75 s = 3.496 participant minutes, at LiveKit Cloud's 0.0005 USD per minute.
    expect(cost).toMatchObject({
      tenant_id: acme.tenantId,
      session_id: meeting.sessionId,
      service: 'livekit',
      provider: 'livekit',
      cost_usd: '0.001748',
      timestamp: leftAt,
    });
    expect((cost!.metadata as { units: unknown }).units).toEqual({ participantMinutes: 3.496 });
    // @platform/costs also keeps the session's running total (4 decimals).
    const [session] = await t.raw('select cost_usd from sessions where id = $1', [meeting.sessionId]);
    expect(session!.cost_usd).toBe('0.0017');

    const after = await t.db.withTenant(acme.tenantId, (tx) => getMeeting(tx, meeting.id));
    expect(after.participantCount).toBe(1);
    expect(after.costUsd).toBe('0.001748');
    expect(after.status).toBe('live');
  });

  it('counts distinct participants, members and guests alike', async () => {
    const meeting = await createMeeting(t.db, acme, {}, t.options);
    for (const identity of [acme.userId, 'guest-1', acme.userId]) {
      await deliver({ event: 'participant_joined', roomName: meeting.roomName, participant: { identity } });
    }
    const after = await t.db.withTenant(acme.tenantId, (tx) => getMeeting(tx, meeting.id));
    expect(after.participantCount).toBe(2);
  });

  it('ends the meeting and its session on room_finished', async () => {
    const meeting = await createMeeting(t.db, acme, {}, t.options);
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const { result } = await deliver({ event: 'room_finished', roomName: meeting.roomName, at });
    expect(result.applied).toBe(true);
    const after = await t.db.withTenant(acme.tenantId, (tx) => getMeeting(tx, meeting.id));
    expect(after).toMatchObject({ status: 'ended', endedAt: at });
    const [session] = await t.raw('select ended_at from sessions where id = $1', [meeting.sessionId]);
    expect(session!.ended_at).toEqual(at);
  });

  it("writes to the room's own tenant, whichever tenant's room it is", async () => {
    const theirs = await createMeeting(t.db, globex, {}, t.options);
    const participant = { identity: globex.userId, joinedAt: new Date(Date.now() - 60_000) };
    await deliver({ event: 'participant_left', roomName: theirs.roomName, participant });
    const [cost] = await livekitCosts(theirs);
    expect(cost).toMatchObject({ tenant_id: globex.tenantId, session_id: theirs.sessionId });
  });

  it('ignores rooms it did not create and events it does not use, writing nothing', async () => {
    const before = await snapshot();
    const unknown = await deliver({ event: 'participant_left', roomName: 'someone-elses-room', participant: { identity: 'x', joinedAt: new Date() } });
    expect(unknown.result.applied).toBe(false);
    const meeting = await createMeeting(t.db, acme, {}, t.options);
    const started = await deliver({ event: 'room_started', roomName: meeting.roomName });
    expect(started.result).toEqual({ applied: false, event: 'room_started' });
    const after = await snapshot();
    expect(after.processed).toEqual(before.processed);
    expect(after.costs).toEqual(before.costs);
  });
});

describe('rejected and repeated deliveries change nothing', () => {
  let meeting: Meeting;
  const participant = () => ({ identity: acme.userId, joinedAt: new Date(Date.now() - 120_000) });

  beforeAll(async () => {
    meeting = await createMeeting(t.db, acme, {}, t.options);
  });

  it('a replayed delivery is a no-op', async () => {
    const first = await deliver({ event: 'participant_left', roomName: meeting.roomName, participant: participant() });
    expect(first.result.applied).toBe(true);
    const before = await snapshot();
    const replay = await handleLivekitWebhook(t.db, first.body, first.auth, t.options);
    expect(replay).toEqual({ applied: false, event: 'participant_left' });
    // A re-signed copy (LiveKit's own retry) carries the same event id: still a no-op.
    const resigned = await signLivekitWebhook(first.body, t.livekit.config);
    expect((await handleLivekitWebhook(t.db, first.body, resigned, t.options)).applied).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it('concurrent copies of one delivery apply once', async () => {
    const body = livekitWebhookBody({ event: 'participant_left', roomName: meeting.roomName, participant: participant() });
    const auth = await signLivekitWebhook(body, t.livekit.config);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => handleLivekitWebhook(t.db, body, auth, t.options)),
    );
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    const id = (JSON.parse(body) as { id: string }).id;
    expect(await t.raw('select id from processed_webhooks where id = $1', [`livekit:${id}`])).toHaveLength(1);
  });

  it('a tampered body, a wrong key or secret, an unsigned or expired delivery: UNAUTHENTICATED', async () => {
    const body = livekitWebhookBody({ event: 'participant_left', roomName: meeting.roomName, participant: participant() });
    const auth = await signLivekitWebhook(body, t.livekit.config);
    const before = await snapshot();

    const longer = body.replace('"participant_left"', '"room_finished"');
    const expired = new AccessToken(t.livekit.config.apiKey, t.livekit.config.apiSecret, { ttl: -60 });
    expired.sha256 = (await import('node:crypto')).createHash('sha256').update(body).digest('base64');
    const attempts: Array<[string, string | null]> = [
      [longer, auth], // body changed after signing
      [body, await signLivekitWebhook(body, { apiKey: t.livekit.config.apiKey, apiSecret: 'guessed-secret' })],
      [body, await signLivekitWebhook(body, { apiKey: 'other-key', apiSecret: t.livekit.config.apiSecret })],
      [body, await signLivekitWebhook(longer, t.livekit.config)], // a valid signature of another body
      [body, null],
      [body, ''],
      [body, 'not-a-jwt'],
      [body, await expired.toJwt()],
    ];
    for (const [b, a] of attempts) {
      await expect(handleLivekitWebhook(t.db, b, a, t.options)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect(await snapshot()).toEqual(before);
    // The genuine delivery still applies afterwards.
    expect((await handleLivekitWebhook(t.db, body, auth, t.options)).applied).toBe(true);
  });

  it('is UNAVAILABLE when LiveKit is not configured, before reading anything', async () => {
    const body = livekitWebhookBody({ event: 'room_finished', roomName: meeting.roomName });
    const auth = await signLivekitWebhook(body, t.livekit.config);
    const { vi } = await import('vitest');
    vi.stubEnv('LIVEKIT_URL', '');
    try {
      await expect(handleLivekitWebhook(t.db, body, auth)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    } finally {
      vi.unstubAllEnvs();
    }
    const after = await t.db.withTenant(acme.tenantId, (tx) => getMeeting(tx, meeting.id));
    expect(after.status).toBe('live');
  });
});
