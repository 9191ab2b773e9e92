import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MeetingsOptions } from '@platform/meetings';
import { apiEnv } from '../env';
import { createCaller } from '../root';
import { createApiTestDatabase, seedTenant } from '../testing/fixtures';
import type { ApiTestDatabase, SeededTenant } from '../testing/fixtures';
import { attempt } from '../testing/procedures';
import { fromPeer } from '../testing/peer-address';
import { createContext } from '../trpc';
import type { CreateContextOptions } from '../trpc';
import { PostgresRateLimiter } from '../widget/rate-limit';
import { meetingsApiEnv } from './env';

/**
 * The meetings procedures through createCaller, on the real test database, against the in-test
 * LiveKit room service (@platform/meetings/testing), which checks each call's token and grants.
 */
let t: ApiTestDatabase;
let A: SeededTenant;
let B: SeededTenant;

beforeAll(async () => {
  t = await createApiTestDatabase();
  A = await seedTenant(t, 'Acme Meet');
  B = await seedTenant(t, 'Globex Meet');
});
afterAll(() => t.close());

/** A caller with its own context options (a clock, a limiter, request headers, no LiveKit...). */
function callerWith(
  session: { userId: string; sessionToken: string } | null,
  options: Partial<CreateContextOptions> = {},
) {
  return createCaller(
    createContext({
      db: t.db,
      session,
      meetings: { livekit: t.livekit.config },
      logError: () => {},
      ...options,
    }),
  );
}
const signedIn = (s: SeededTenant, role: 'owner' | 'admin' | 'member') => ({
  userId: s.users[role],
  sessionToken: s.sessionTokens[role],
});

/** Verifies an HS256 JWT as LiveKit does (signature with the API secret), returning its claims. */
function verifyJwt(jwt: string, secret: string): Record<string, unknown> {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  if (signature !== expected) throw new Error('bad signature');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

const meetingRow = async (id: string) =>
  (await t.raw('select ended_at, created_by from meetings where id = $1', [id]))[0]!;

describe('meetings.create', () => {
  it('lets a member create a meeting: the room exists and the member is its host', async () => {
    const meeting = await A.callers.member.meetings.create({ title: '  Planning  ' });
    expect(meeting).toMatchObject({
      tenantId: A.tenantId,
      title: 'Planning',
      status: 'live',
      createdBy: A.users.member,
      endedAt: null,
    });
    expect(meeting.roomName).toBe(`tenant-${A.tenantId}-meeting-${meeting.id}`);
    expect(t.livekit.rooms.has(meeting.roomName)).toBe(true);
    expect(t.livekit.calls.findLast((c) => c.method === 'CreateRoom')).toMatchObject({
      status: 200,
      grants: { roomCreate: true },
    });
    // Listed for the tenant, not for another one.
    const listed = await A.callers.member.meetings.list({ limit: 100 });
    expect(listed.items.map((m) => m.id)).toContain(meeting.id);
    const other = await B.callers.owner.meetings.list({ limit: 100 });
    expect(other.items.map((m) => m.id)).not.toContain(meeting.id);
  });

  it('rejects an empty or oversize title by field, creating nothing', async () => {
    const rooms = t.livekit.rooms.size;
    for (const title of ['   ', 'x'.repeat(201)]) {
      const outcome = await attempt(A.callers.member, 'meetings.create', { title });
      expect(outcome).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
      expect(Object.keys(outcome.shape!.data.zodError!.fieldErrors)).toEqual(['title']);
    }
    expect(t.livekit.rooms.size).toBe(rooms);
  });

  it('is SERVICE_UNAVAILABLE naming the variables when LiveKit is not configured', async () => {
    vi.stubEnv('LIVEKIT_URL', '');
    vi.stubEnv('LIVEKIT_API_KEY', '');
    vi.stubEnv('LIVEKIT_API_SECRET', '');
    try {
      const unconfigured = callerWith(signedIn(A, 'member'), { meetings: undefined });
      const count = await t.raw('select count(*)::int n from meetings where tenant_id = $1', [
        A.tenantId,
      ]);
      const outcome = await attempt(unconfigured, 'meetings.create', {});
      expect(outcome).toMatchObject({ ok: false, code: 'SERVICE_UNAVAILABLE' });
      expect(outcome.message).toContain('LIVEKIT_URL');
      expect(
        await t.raw('select count(*)::int n from meetings where tenant_id = $1', [A.tenantId]),
      ).toEqual(count);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('is refused once the tenant reached its monthly cap, without touching LiveKit', async () => {
    const capped = await seedTenant(t, 'Capped Meet');
    await capped.callers.owner.tenant.update({ settings: { maxMonthlySpend: 1 } });
    await t.raw(
      "insert into cost_events (tenant_id, service, cost_usd) values ($1, 'llm', '1.000000')",
      [capped.tenantId],
    );
    const calls = t.livekit.calls.length;
    const outcome = await attempt(capped.callers.member, 'meetings.create', {});
    expect(outcome).toMatchObject({ ok: false, code: 'TOO_MANY_REQUESTS' });
    expect(t.livekit.calls.length).toBe(calls);
  });
});

describe('meetings.joinToken', () => {
  it('gives a member a short-lived token for that one room, as themselves, with the smallest grants', async () => {
    const meeting = await A.callers.owner.meetings.create({ title: 'All hands' });
    const join = await A.callers.member.meetings.joinToken({ id: meeting.id });
    expect(join.serverUrl).toBe(t.livekit.config.url);
    expect(join.roomName).toBe(meeting.roomName);

    const claims = verifyJwt(join.token, t.livekit.config.apiSecret);
    expect(claims).toMatchObject({ sub: A.users.member, name: 'member' });
    expect(claims.video).toEqual({
      roomJoin: true,
      room: meeting.roomName,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
    });
    const ttl = (claims.exp as number) * 1000 - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(t.livekit.config.tokenTtlMinutes * 60_000);
    expect(join.expiresAt.getTime()).toBe((claims.exp as number) * 1000);
    // Signed with the server's secret: another secret does not verify it.
    expect(() => verifyJwt(join.token, 'another-secret')).toThrow('bad signature');
  });

  it('is NOT_FOUND for another tenant, and CONFLICT once the meeting ended', async () => {
    const meeting = await A.callers.member.meetings.create({});
    const foreign = await attempt(B.callers.owner, 'meetings.joinToken', { id: meeting.id });
    expect(foreign).toMatchObject({ ok: false, code: 'NOT_FOUND', message: 'Meeting not found.' });

    await A.callers.member.meetings.end({ id: meeting.id });
    const ended = await attempt(A.callers.member, 'meetings.joinToken', { id: meeting.id });
    expect(ended).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
});

describe('guest invites', () => {
  const inviteOf = (link: string) => new URL(link).searchParams.get('invite')!;

  it('the host gets a link on APP_URL that one named guest redeems, without signing in', async () => {
    const meeting = await A.callers.member.meetings.create({ title: 'Demo' });
    const invite = await A.callers.member.meetings.createGuestInvite({
      id: meeting.id,
      guestName: ' Gil Guest ',
      ttlMinutes: 30,
    });
    expect(invite.link.startsWith(`${apiEnv().APP_URL}/meetings/join?invite=`)).toBe(true);
    expect(invite.guestName).toBe('Gil Guest');
    expect(invite.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(invite.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);

    const join = await A.callers.anonymous.meetings.redeemGuestInvite({
      invite: inviteOf(invite.link),
    });
    expect(join).toMatchObject({
      meetingId: meeting.id,
      meetingTitle: 'Demo',
      displayName: 'Gil Guest',
      roomName: meeting.roomName,
      serverUrl: t.livekit.config.url,
    });
    const claims = verifyJwt(join.token, t.livekit.config.apiSecret);
    expect(claims).toMatchObject({ sub: invite.guestIdentity, name: 'Gil Guest' });
    expect(claims.video).toMatchObject({ roomJoin: true, room: meeting.roomName });
    expect(claims.video).not.toHaveProperty('roomAdmin');
  });

  it("a member cannot invite guests to someone else's meeting; an admin can", async () => {
    const meeting = await A.callers.owner.meetings.create({});
    const input = { id: meeting.id, guestName: 'Guest', ttlMinutes: 10 };
    const refused = await attempt(A.callers.member, 'meetings.createGuestInvite', input);
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await expect(A.callers.admin.meetings.createGuestInvite(input)).resolves.toMatchObject({
      guestName: 'Guest',
    });
    const foreign = await attempt(B.callers.owner, 'meetings.createGuestInvite', input);
    expect(foreign).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('a tampered invite is NOT_FOUND, an expired one UNAUTHORIZED, an ended meeting CONFLICT', async () => {
    const meeting = await A.callers.member.meetings.create({});
    const { link } = await A.callers.member.meetings.createGuestInvite({
      id: meeting.id,
      guestName: 'Late Guest',
      ttlMinutes: 5,
    });
    const token = inviteOf(link);
    const [version, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      n: string;
    };
    const renamed = Buffer.from(JSON.stringify({ ...claims, n: 'Impostor' })).toString('base64url');
    const tampered = await attempt(A.callers.anonymous, 'meetings.redeemGuestInvite', {
      invite: `${version}.${renamed}.${signature}`,
    });
    expect(tampered).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    const later = callerWith(null, {
      meetings: { livekit: t.livekit.config, now: () => new Date(Date.now() + 6 * 60_000) },
    });
    const expired = await attempt(later, 'meetings.redeemGuestInvite', { invite: token });
    expect(expired).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    expect(expired.message).toContain('expired');

    await A.callers.member.meetings.end({ id: meeting.id });
    const ended = await attempt(A.callers.anonymous, 'meetings.redeemGuestInvite', {
      invite: token,
    });
    expect(ended).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('redeeming is rate limited per invite link and per client IP, with Retry-After', async () => {
    const env = meetingsApiEnv();
    const window = env.MEETING_INVITE_RATE_WINDOW_SECONDS;
    const clock = Date.UTC(2026, 10, 23, 12, 0, 10); // 10 s into a window
    const limiter = new PostgresRateLimiter(t.db, { now: () => clock });
    const from = (ip: string) => callerWith(null, { limiter, headers: new Headers(fromPeer(ip)) });

    const meeting = await A.callers.member.meetings.create({});
    const { link } = await A.callers.member.meetings.createGuestInvite({
      id: meeting.id,
      guestName: 'Busy Guest',
      ttlMinutes: 5,
    });
    const invite = inviteOf(link);
    for (let i = 0; i < env.MEETING_INVITE_RATE_LIMIT_INVITE; i += 1) {
      // Spread over addresses, so only the invite's own counter fills up.
      await from(`198.51.100.${i}`).meetings.redeemGuestInvite({ invite });
    }
    const limited = await attempt(from('198.51.100.250'), 'meetings.redeemGuestInvite', {
      invite,
    });
    expect(limited).toMatchObject({ ok: false, code: 'TOO_MANY_REQUESTS' });
    expect(limited.shape!.data).toMatchObject({
      retryAfterSeconds: window - ((clock / 1000) % window),
    });

    // One address trying many made-up invites is stopped by its own counter...
    const forged = (i: number) => `v1.${Buffer.from(`{"i":${i}}`).toString('base64url')}.AAAA`;
    const flooder = from('203.0.113.9');
    for (let i = 0; i < env.MEETING_INVITE_RATE_LIMIT_IP; i += 1) {
      const outcome = await attempt(flooder, 'meetings.redeemGuestInvite', { invite: forged(i) });
      expect(outcome.code).toBe('NOT_FOUND');
    }
    const stopped = await attempt(flooder, 'meetings.redeemGuestInvite', { invite: forged(-1) });
    expect(stopped).toMatchObject({ ok: false, code: 'TOO_MANY_REQUESTS' });
    // ...which leaves other addresses alone.
    const other = await attempt(from('203.0.113.10'), 'meetings.redeemGuestInvite', {
      invite: forged(-1),
    });
    expect(other.code).toBe('NOT_FOUND');
  });
});

describe('meetings.end', () => {
  it("a member cannot end someone else's meeting: FORBIDDEN, the room and meeting untouched", async () => {
    const meeting = await A.callers.owner.meetings.create({});
    const outcome = await attempt(A.callers.member, 'meetings.end', { id: meeting.id });
    expect(outcome).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(t.livekit.rooms.has(meeting.roomName)).toBe(true);
    expect((await meetingRow(meeting.id)).ended_at).toBeNull();
  });

  it('the host ends their own meeting: the room is deleted and the meeting marked ended, once', async () => {
    const meeting = await A.callers.member.meetings.create({});
    const ended = await A.callers.member.meetings.end({ id: meeting.id });
    expect(ended).toMatchObject({ id: meeting.id, status: 'ended' });
    expect(ended.endedAt).toBeInstanceOf(Date);
    expect(t.livekit.rooms.has(meeting.roomName)).toBe(false);
    expect(t.livekit.calls.findLast((c) => c.method === 'DeleteRoom')).toMatchObject({
      status: 200,
      grants: { roomCreate: true },
    });
    // Ending again returns it unchanged.
    const again = await A.callers.member.meetings.end({ id: meeting.id });
    expect(again.endedAt).toEqual(ended.endedAt);
  });

  it("an admin ends anyone's meeting; another tenant's is NOT_FOUND and stays live", async () => {
    const meeting = await A.callers.member.meetings.create({});
    const foreign = await attempt(B.callers.owner, 'meetings.end', { id: meeting.id });
    expect(foreign).toMatchObject({ ok: false, code: 'NOT_FOUND', message: 'Meeting not found.' });
    expect(t.livekit.rooms.has(meeting.roomName)).toBe(true);

    await expect(A.callers.admin.meetings.end({ id: meeting.id })).resolves.toMatchObject({
      status: 'ended',
    });
  });

  it('is SERVICE_UNAVAILABLE and changes nothing when the room service fails', async () => {
    const meeting = await A.callers.member.meetings.create({});
    t.livekit.failNext('DeleteRoom', 503);
    const outcome = await attempt(A.callers.member, 'meetings.end', { id: meeting.id });
    expect(outcome).toMatchObject({ ok: false, code: 'SERVICE_UNAVAILABLE' });
    expect((await meetingRow(meeting.id)).ended_at).toBeNull();
  });

  it('reads the role on every call: a demoted admin is refused at once', async () => {
    const demoted = await seedTenant(t, 'Demoted Meet');
    const meeting = await demoted.callers.owner.meetings.create({});
    await demoted.callers.owner.team.changeRole({ userId: demoted.users.admin, role: 'member' });
    const outcome = await attempt(demoted.callers.admin, 'meetings.end', { id: meeting.id });
    expect(outcome).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('meetings.participants', () => {
  it("lists who is in the room, marking guests; empty once ended; another tenant's is NOT_FOUND", async () => {
    const meeting = await A.callers.member.meetings.create({});
    t.livekit.addParticipant(meeting.roomName, A.users.member, 'member');
    t.livekit.addParticipant(meeting.roomName, 'guest-1234', 'Gil');
    const live = await A.callers.admin.meetings.participants({ id: meeting.id });
    expect(live.map((p) => ({ identity: p.identity, name: p.name, isGuest: p.isGuest }))).toEqual([
      { identity: A.users.member, name: 'member', isGuest: false },
      { identity: 'guest-1234', name: 'Gil', isGuest: true },
    ]);
    expect(live[0]!.joinedAt).toBeInstanceOf(Date);
    // The listing token is scoped to this room with roomAdmin, as LiveKit requires.
    expect(t.livekit.calls.findLast((c) => c.method === 'ListParticipants')).toMatchObject({
      status: 200,
      grants: { roomAdmin: true, room: meeting.roomName },
    });

    const foreign = await attempt(B.callers.owner, 'meetings.participants', { id: meeting.id });
    expect(foreign).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    await A.callers.member.meetings.end({ id: meeting.id });
    expect(await A.callers.member.meetings.participants({ id: meeting.id })).toEqual([]);
  });
});

describe('meetings.settings', () => {
  it('reports the server in use, and never its key or secret', async () => {
    const settings = await A.callers.member.meetings.settings();
    expect(settings).toEqual({
      configured: true,
      missing: [],
      invalid: [],
      serverUrl: t.livekit.config.url,
      message: null,
      maxGuestInviteMinutes: 7 * 24 * 60,
    });
    const json = JSON.stringify(settings);
    expect(json).not.toContain(t.livekit.config.apiSecret);
    expect(json).not.toContain(t.livekit.config.apiKey);
  });

  it('from the environment: names what is missing or invalid, with a message for the dashboard', async () => {
    const fromEnv = (options: MeetingsOptions | undefined) =>
      callerWith(signedIn(A, 'member'), { meetings: options }).meetings.settings();
    vi.stubEnv('LIVEKIT_URL', 'ftp://not-livekit.example');
    vi.stubEnv('LIVEKIT_API_KEY', '');
    vi.stubEnv('LIVEKIT_API_SECRET', 'top-secret-value');
    try {
      const settings = await fromEnv(undefined);
      expect(settings).toMatchObject({
        configured: false,
        missing: ['LIVEKIT_API_KEY'],
        invalid: ['LIVEKIT_URL'],
        serverUrl: null,
      });
      expect(settings.message).toContain('LIVEKIT_API_KEY');
      expect(settings.message).toContain('livekit-server --dev');
      expect(JSON.stringify(settings)).not.toContain('top-secret-value');

      vi.stubEnv('LIVEKIT_URL', 'wss://meet.example');
      vi.stubEnv('LIVEKIT_API_KEY', 'key');
      expect(await fromEnv(undefined)).toMatchObject({
        configured: true,
        serverUrl: 'wss://meet.example',
        message: null,
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
