import { AppError } from '@platform/errors';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newTenant, setupMeetingsTest } from '../test/setup';
import type { MeetingsTest } from '../test/setup';
import { ROOM_EMPTY_TIMEOUT_SECONDS, ROOM_MAX_PARTICIPANTS } from '../rooms/room-service';
import { createMeeting } from './create';
import { endMeeting } from './end';
import { listLiveParticipants, reconcileLiveMeetings } from './live';
import { getMeeting, listMeetings } from './queries';
import type { Meeting } from './queries';

let t: MeetingsTest;
let acme: Awaited<ReturnType<typeof newTenant>>;
let globex: Awaited<ReturnType<typeof newTenant>>;

beforeAll(async () => {
  t = await setupMeetingsTest();
  acme = await newTenant(t.db, 'Acme');
  globex = await newTenant(t.db, 'Globex');
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[]) =>
  Number((await t.raw(sql, params))[0]!.n);

describe('createMeeting', () => {
  it('creates the room with a roomCreate token, then the meeting and its meeting session', async () => {
    const meeting = await createMeeting(t.db, acme, { title: ' Weekly sync ' }, t.options);

    expect(meeting).toMatchObject({
      tenantId: acme.tenantId,
      title: 'Weekly sync',
      status: 'live',
      createdBy: acme.userId,
      participantCount: 0,
      costUsd: '0',
      endedAt: null,
    });
    // The room name comes from the ids alone.
    expect(meeting.roomName).toBe(`tenant-${acme.tenantId}-meeting-${meeting.id}`);

    const room = t.livekit.rooms.get(meeting.roomName)!;
    expect(room.emptyTimeout).toBe(ROOM_EMPTY_TIMEOUT_SECONDS);
    expect(room.maxParticipants).toBe(ROOM_MAX_PARTICIPANTS);
    const call = t.livekit.calls.findLast((c) => c.method === 'CreateRoom')!;
    expect(call.status).toBe(200);
    expect(call.grants).toEqual({ roomCreate: true });

    const [row] = await t.raw('select livekit_room_id, room_name from meetings where id = $1', [meeting.id]);
    expect(row).toEqual({ livekit_room_id: room.sid, room_name: meeting.roomName });
    const sessions = await t.raw('select id, tenant_id, mode, ended_at from sessions where meeting_id = $1', [
      meeting.id,
    ]);
    expect(sessions).toEqual([
      { id: meeting.sessionId, tenant_id: acme.tenantId, mode: 'meeting', ended_at: null },
    ]);
  });

  it('writes nothing when the room service fails', async () => {
    const before = await count('select count(*) n from meetings where tenant_id = $1', [acme.tenantId]);
    t.livekit.failNext('CreateRoom', 503);
    const error = await createMeeting(t.db, acme, {}, t.options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('UNAVAILABLE');
    expect(await count('select count(*) n from meetings where tenant_id = $1', [acme.tenantId])).toBe(before);
  });

  it('deletes the room again when the database write fails', async () => {
    const roomsBefore = t.livekit.rooms.size;
    // A user id that does not exist: the insert's foreign key fails after the room was created.
    const ghost = { tenantId: acme.tenantId, userId: '00000000-0000-4000-8000-000000000000' };
    await expect(createMeeting(t.db, ghost, {}, t.options)).rejects.toThrow();
    expect(t.livekit.rooms.size).toBe(roomsBefore);
    expect(t.livekit.calls.at(-1)).toMatchObject({ method: 'DeleteRoom', status: 200 });
  });

  it('is UNAVAILABLE with a clear message when LiveKit is not configured', async () => {
    // Without a config in the options the env module is read: make it see empty variables.
    vi.stubEnv('LIVEKIT_URL', '');
    vi.stubEnv('LIVEKIT_API_KEY', '');
    vi.stubEnv('LIVEKIT_API_SECRET', '');
    const callsBefore = t.livekit.calls.length;
    const error = await createMeeting(t.db, acme, {}).catch((e: unknown) => e);
    vi.unstubAllEnvs();
    expect(t.livekit.calls.length).toBe(callsBefore);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('UNAVAILABLE');
    expect((error as AppError).message).toContain('LIVEKIT_URL');
  });

  it('rejects a token signed with another secret (the room service verifies it)', async () => {
    const wrong = { livekit: { ...t.livekit.config, apiSecret: 'not-the-secret' } };
    await expect(createMeeting(t.db, acme, {}, wrong)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(t.livekit.calls.at(-1)).toMatchObject({ method: 'CreateRoom', status: 401 });
  });
});

describe('getMeeting and listMeetings', () => {
  it('hides other tenants: NOT_FOUND, never their rows', async () => {
    const theirs = await createMeeting(t.db, globex, { title: 'Globex board' }, t.options);
    await expect(t.db.withTenant(acme.tenantId, (tx) => getMeeting(tx, theirs.id))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(t.db.withTenant(acme.tenantId, (tx) => getMeeting(tx, 'not-a-uuid'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const page = await t.db.withTenant(acme.tenantId, (tx) => listMeetings(tx, { limit: 100 }));
    expect(page.items.map((m) => m.tenantId)).not.toContain(globex.tenantId);
    // Their id as a cursor reveals nothing either.
    const viaCursor = await t.db.withTenant(acme.tenantId, (tx) =>
      listMeetings(tx, { limit: 100, cursor: theirs.id }),
    );
    expect(viaCursor.items).toEqual([]);
  });

  it('pages newest first with a cursor, filters by status, and reports duration, participants and cost', async () => {
    const tenant = await newTenant(t.db, 'Pager');
    const made: Meeting[] = [];
    for (let i = 0; i < 5; i++) made.push(await createMeeting(t.db, tenant, { title: `M${i}` }, t.options));
    await endMeeting(t.db, tenant, made[1]!.id, t.options);
    // Give one meeting a known start, participants and cost.
    await t.raw(
      `update meetings set started_at = now() - interval '90 seconds',
         metadata = metadata || '{"participants":["a","b","c"]}' where id = $1`,
      [made[4]!.id],
    );
    await t.raw(
      `insert into cost_events (tenant_id, session_id, service, cost_usd) values ($1, $2, 'livekit', 0.0015), ($1, $2, 'livekit', 0.0005)`,
      [tenant.tenantId, made[4]!.sessionId],
    );

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.db.withTenant(tenant.tenantId, (tx) => listMeetings(tx, { limit: 2, cursor }));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = await t.raw(
      'select id from meetings where tenant_id = $1 order by started_at desc, id desc',
      [tenant.tenantId],
    );
    expect(seen).toEqual(expected.map((r) => r.id));
    expect(seen.at(-1)).toBe(made[4]!.id);

    const ended = await t.db.withTenant(tenant.tenantId, (tx) => listMeetings(tx, { limit: 10, status: 'ended' }));
    expect(ended.items.map((m) => m.id)).toEqual([made[1]!.id]);
    const live = await t.db.withTenant(tenant.tenantId, (tx) => listMeetings(tx, { limit: 10, status: 'live' }));
    expect(live.items).toHaveLength(4);

    const busy = await t.db.withTenant(tenant.tenantId, (tx) => getMeeting(tx, made[4]!.id));
    expect(busy.sessionId).toBe(made[4]!.sessionId);
    expect(busy.participantCount).toBe(3);
    expect(busy.costUsd).toBe('0.002000');
    expect(busy.durationSeconds).toBeGreaterThanOrEqual(90);
    expect(busy.durationSeconds).toBeLessThan(120);
  });

  it('rejects a bad page request as BAD_INPUT', async () => {
    await expect(
      t.db.withTenant(acme.tenantId, (tx) => listMeetings(tx, { limit: 0 })),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(
      t.db.withTenant(acme.tenantId, (tx) => listMeetings(tx, { limit: 10, cursor: 'x' })),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('endMeeting', () => {
  it('deletes the room, sets ended_at and ends the meeting session; ending again changes nothing', async () => {
    const meeting = await createMeeting(t.db, acme, {}, t.options);
    const ended = await endMeeting(t.db, acme, meeting.id, t.options);
    expect(ended.status).toBe('ended');
    expect(ended.endedAt).toBeInstanceOf(Date);
    expect(t.livekit.rooms.has(meeting.roomName)).toBe(false);
    expect(t.livekit.calls.at(-1)).toMatchObject({ method: 'DeleteRoom', status: 200, grants: { roomCreate: true } });
    const [session] = await t.raw('select ended_at from sessions where id = $1', [meeting.sessionId]);
    expect(session!.ended_at).toEqual(ended.endedAt);

    const callsBefore = t.livekit.calls.length;
    const again = await endMeeting(t.db, acme, meeting.id, t.options);
    expect(again.endedAt).toEqual(ended.endedAt);
    expect(t.livekit.calls.length).toBe(callsBefore);
  });

  it('still ends the meeting when LiveKit already closed the room', async () => {
    const meeting = await createMeeting(t.db, acme, {}, t.options);
    t.livekit.rooms.delete(meeting.roomName);
    const ended = await endMeeting(t.db, acme, meeting.id, t.options);
    expect(ended.status).toBe('ended');
  });

  it('leaves the meeting live when the room cannot be deleted, so the caller can retry', async () => {
    const meeting = await createMeeting(t.db, acme, {}, t.options);
    t.livekit.failNext('DeleteRoom', 500);
    await expect(endMeeting(t.db, acme, meeting.id, t.options)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const [row] = await t.raw('select ended_at from meetings where id = $1', [meeting.id]);
    expect(row!.ended_at).toBeNull();
    expect(t.livekit.rooms.has(meeting.roomName)).toBe(true);
  });

  it("is NOT_FOUND for another tenant's meeting and touches neither the room nor the row", async () => {
    const theirs = await createMeeting(t.db, globex, {}, t.options);
    const callsBefore = t.livekit.calls.length;
    await expect(endMeeting(t.db, acme, theirs.id, t.options)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(t.livekit.calls.length).toBe(callsBefore);
    expect(t.livekit.rooms.has(theirs.roomName)).toBe(true);
    const [row] = await t.raw('select ended_at from meetings where id = $1', [theirs.id]);
    expect(row!.ended_at).toBeNull();
  });
});

describe('live participants and reconciliation', () => {
  it('lists who is in the room with an admin token scoped to that one room', async () => {
    const meeting = await createMeeting(t.db, acme, {}, t.options);
    t.livekit.addParticipant(meeting.roomName, acme.userId, 'Ann');
    const people = await listLiveParticipants(t.db, acme, meeting.id, t.options);
    expect(people).toEqual([{ identity: acme.userId, name: 'Ann', joinedAt: expect.any(Date) }]);
    expect(t.livekit.calls.at(-1)).toMatchObject({
      method: 'ListParticipants',
      status: 200,
      grants: { roomAdmin: true, room: meeting.roomName },
    });
    await expect(listLiveParticipants(t.db, globex, meeting.id, t.options)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('ends live meetings whose room is gone once past the empty timeout, and only those', async () => {
    const tenant = await newTenant(t.db, 'Reconcile');
    const vanished = await createMeeting(t.db, tenant, {}, t.options);
    const open = await createMeeting(t.db, tenant, {}, t.options);
    const young = await createMeeting(t.db, tenant, {}, t.options);
    t.livekit.rooms.delete(vanished.roomName);
    t.livekit.rooms.delete(young.roomName);
    await t.raw(`update meetings set started_at = now() - interval '1 hour' where id = any($1)`, [
      [vanished.id, open.id],
    ]);

    const ended = await reconcileLiveMeetings(t.db, tenant.tenantId, t.options);
    expect(ended).toEqual([vanished.id]);
    expect(t.livekit.calls.at(-1)).toMatchObject({ method: 'ListRooms', grants: { roomList: true } });
    const states = await t.db.withTenant(tenant.tenantId, (tx) =>
      Promise.all([vanished, open, young].map((m) => getMeeting(tx, m.id))),
    );
    expect(states.map((m) => m.status)).toEqual(['ended', 'live', 'live']);
    expect(await reconcileLiveMeetings(t.db, tenant.tenantId, t.options)).toEqual([]);
  });
});
