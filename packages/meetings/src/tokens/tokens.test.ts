import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../meetings/create';
import { endMeeting } from '../meetings/end';
import type { Meeting } from '../meetings/queries';
import { newTenant, setupMeetingsTest } from '../test/setup';
import type { MeetingsTest } from '../test/setup';
import { createGuestInvite, redeemGuestInvite } from './guest-invite';
import { createJoinToken } from './join-token';

let t: MeetingsTest;
let acme: Awaited<ReturnType<typeof newTenant>>;
let globex: Awaited<ReturnType<typeof newTenant>>;
let meeting: Meeting;
let verifier: TokenVerifier;

beforeAll(async () => {
  t = await setupMeetingsTest();
  acme = await newTenant(t.db, 'Acme');
  globex = await newTenant(t.db, 'Globex');
  meeting = await createMeeting(t.db, acme, { title: 'Standup' }, t.options);
  verifier = new TokenVerifier(t.livekit.config.apiKey, t.livekit.config.apiSecret);
});
afterAll(() => t.close());

describe('createJoinToken', () => {
  it('admits the signed-in user to this one room with only participant grants, for minutes', async () => {
    const before = Math.floor(Date.now() / 1000);
    const join = await createJoinToken(t.db, acme, meeting.id, t.options);
    expect(join.serverUrl).toBe(t.livekit.config.url);
    expect(join.roomName).toBe(meeting.roomName);

    const claims = await verifier.verify(join.token);
    expect(claims.sub).toBe(acme.userId);
    expect(claims.name).toBe('Acme owner');
    expect(claims.iss).toBe(t.livekit.config.apiKey);
    // Exactly these grants: no roomAdmin, roomCreate, roomList, roomRecord, hidden, agent...
    expect(claims.video).toEqual({
      roomJoin: true,
      room: meeting.roomName,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
    });
    const ttl = claims.exp! - claims.nbf!;
    expect(ttl).toBe(t.livekit.config.tokenTtlMinutes * 60);
    expect(claims.exp! - before).toBeLessThanOrEqual(10 * 60 + 1);
    expect(join.expiresAt.getTime() / 1000).toBe(claims.exp);
  });

  it('is rejected by a verifier holding another secret or another key', async () => {
    const join = await createJoinToken(t.db, acme, meeting.id, t.options);
    await expect(new TokenVerifier(t.livekit.config.apiKey, 'another-secret').verify(join.token)).rejects.toThrow();
    await expect(new TokenVerifier('another-key', t.livekit.config.apiSecret).verify(join.token)).rejects.toThrow();
  });

  it('honours a shorter configured lifetime', async () => {
    const short = { livekit: { ...t.livekit.config, tokenTtlMinutes: 2 } };
    const claims = await verifier.verify((await createJoinToken(t.db, acme, meeting.id, short)).token);
    expect(claims.exp! - claims.nbf!).toBe(120);
  });

  it("is NOT_FOUND for another tenant's meeting and for ids that are not meetings", async () => {
    await expect(createJoinToken(t.db, globex, meeting.id, t.options)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createJoinToken(t.db, acme, 'nope', t.options)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is CONFLICT once the meeting has ended', async () => {
    const done = await createMeeting(t.db, acme, {}, t.options);
    await endMeeting(t.db, acme, done.id, t.options);
    await expect(createJoinToken(t.db, acme, done.id, t.options)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('guest invites', () => {
  it('lets the named guest join as a guest identity with the same minimal grants', async () => {
    const invite = await createGuestInvite(t.db, acme, meeting.id, { name: 'Visitor Vic', ttlMinutes: 60 }, t.options);
    expect(invite.guestIdentity).toMatch(/^guest-[0-9a-f-]{36}$/);
    expect(invite.expiresAt.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);

    const join = await redeemGuestInvite(t.db, invite.token, t.options);
    expect(join).toMatchObject({ displayName: 'Visitor Vic', meetingId: meeting.id, meetingTitle: 'Standup' });
    const claims = await verifier.verify(join.token);
    expect(claims.sub).toBe(invite.guestIdentity);
    expect(claims.name).toBe('Visitor Vic');
    expect(claims.video).toEqual({
      roomJoin: true,
      room: meeting.roomName,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
    });
    // Redeeming the link again gives the same identity: one link is one seat.
    const again = await verifier.verify((await redeemGuestInvite(t.db, invite.token, t.options)).token);
    expect(again.sub).toBe(invite.guestIdentity);
  });

  it('rejects an altered invite as NOT_FOUND (renamed guest, other meeting, forged signature)', async () => {
    const invite = await createGuestInvite(t.db, acme, meeting.id, { name: 'Eve', ttlMinutes: 60 }, t.options);
    const [version, payload, signature] = invite.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = (changes: Record<string, unknown>) =>
      `${version}.${Buffer.from(JSON.stringify({ ...claims, ...changes })).toString('base64url')}.${signature}`;
    const other = await createMeeting(t.db, globex, {}, t.options);

    for (const token of [
      tampered({ n: 'The CEO' }),
      tampered({ t: globex.tenantId, m: other.id }),
      tampered({ e: (claims.e as number) + 86_400 }),
      `${version}.${payload}.${Buffer.from('x'.repeat(32)).toString('base64url')}`,
      `${version}.${payload}`,
      '',
    ]) {
      await expect(redeemGuestInvite(t.db, token, t.options)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('rejects an invite signed with another secret', async () => {
    const other = { livekit: { ...t.livekit.config, guestSecret: 'a-different-guest-secret-of-32-chars!!' } };
    const invite = await createGuestInvite(t.db, acme, meeting.id, { name: 'Mallory', ttlMinutes: 5 }, other);
    await expect(redeemGuestInvite(t.db, invite.token, t.options)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await redeemGuestInvite(t.db, invite.token, other)).displayName).toBe('Mallory');
  });

  it('rejects an expired invite as UNAUTHENTICATED', async () => {
    const invite = await createGuestInvite(t.db, acme, meeting.id, { name: 'Late Larry', ttlMinutes: 1 }, t.options);
    const later = { ...t.options, now: () => new Date(Date.now() + 61_000) };
    await expect(redeemGuestInvite(t.db, invite.token, later)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('stops admitting guests when the meeting ends, and is NOT_FOUND across tenants', async () => {
    const m = await createMeeting(t.db, acme, {}, t.options);
    const invite = await createGuestInvite(t.db, acme, m.id, { name: 'Gus', ttlMinutes: 30 }, t.options);
    await endMeeting(t.db, acme, m.id, t.options);
    await expect(redeemGuestInvite(t.db, invite.token, t.options)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      createGuestInvite(t.db, globex, meeting.id, { name: 'Gus', ttlMinutes: 30 }, t.options),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('validates the invite request', async () => {
    for (const input of [
      { name: '', ttlMinutes: 10 },
      { name: 'Ok', ttlMinutes: 0 },
      { name: 'Ok', ttlMinutes: 8 * 24 * 60 },
    ]) {
      await expect(createGuestInvite(t.db, acme, meeting.id, input, t.options)).rejects.toMatchObject({
        code: 'BAD_INPUT',
      });
    }
  });
});
