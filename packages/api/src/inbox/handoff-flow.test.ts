import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPollFeed } from '@platform/db';
import { roomNameFor } from '@platform/meetings';
import { createWidgetApi } from '../widget/api';
import { readWidgetEnv } from '../widget/env';
import type {
  ChatStreamEvent,
  HandoffStatus,
  LiveEvent,
  SessionStartResponse,
  TranscriptResponse,
} from '../widget/protocol';
import { scriptedChatEngine, SCRIPTED_ANSWER } from '../widget/testing';
import { inboxLiveResponse } from './live';
import { createApiTestDatabase, seedTenant } from '../testing/fixtures';
import type { ApiTestDatabase, SeededTenant } from '../testing/fixtures';
import { attempt } from '../testing/procedures';

/**
 * Live handoff end to end, through the public widget API (the visitor) and the inbox router (the
 * team), on one real database: handoff -> inbox -> claim -> reply reaches the visitor (transcript
 * and live events) -> the visitor's message while held is stored, gets no AI -> release -> the
 * assistant answers again. Another tenant's member can do none of it.
 */
const APP = 'http://localhost:3000';
const env = readWidgetEnv({
  NODE_ENV: 'test',
  WIDGET_TOKEN_SECRET: 'handoff-test-secret-0123456789abcdef',
  WIDGET_RATE_LIMIT_VISITOR: '1000',
  WIDGET_RATE_LIMIT_IP: '1000',
});

let t: ApiTestDatabase;
let A: SeededTenant;
let B: SeededTenant;
let engine: ReturnType<typeof scriptedChatEngine>;
let api: ReturnType<typeof createWidgetApi>;
let host: string;
let visitor: SessionStartResponse;

beforeAll(async () => {
  t = await createApiTestDatabase();
  A = await seedTenant(t, 'Alpha');
  B = await seedTenant(t, 'Beta');
  host = 'https://alpha.example';
  engine = scriptedChatEngine(t.db);
  api = createWidgetApi({ db: t.db, engine, env, live: createPollFeed(25) });
  visitor = (await (
    await call('session', { method: 'POST', body: {}, token: null })
  ).json()) as SessionStartResponse;
});
afterAll(() => t.close());

function call(
  route: string,
  init: { method?: string; body?: unknown; token?: string | null; signal?: AbortSignal } = {},
) {
  const headers = new Headers({ origin: host, 'x-forwarded-for': '203.0.113.9' });
  const token = init.token === undefined ? visitor.token : init.token;
  if (token) headers.set('authorization', `Bearer ${token}`);
  return api.handle(
    new Request(`${APP}/api/widget/${A.ids.widgetId}/${route}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    }),
  );
}

async function chat(content: string): Promise<ChatStreamEvent[]> {
  const response = await call('chat', { method: 'POST', body: { content } });
  expect(response.status).toBe(200);
  return parseEvents<ChatStreamEvent>(await response.text());
}

function parseEvents<T>(text: string): T[] {
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice(6)) as T);
}

const transcript = async () => (await (await call('messages')).json()) as TranscriptResponse;

/** Reads the live stream until `until` matches an event (or fails the test after 5 s). */
async function liveEventsUntil(until: (e: LiveEvent) => boolean, after?: string) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 5000);
  const response = await call(`events${after ? `?after=${encodeURIComponent(after)}` : ''}`, {
    signal: abort.signal,
  });
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      const events = parseEvents<LiveEvent>(text);
      if (events.some(until)) return events;
    }
    throw new Error(`stream ended without the expected event: ${text}`);
  } finally {
    clearTimeout(timer);
    abort.abort();
    await reader.cancel().catch(() => undefined);
  }
}

describe('live handoff', () => {
  it('runs from the visitor asking for a person to the assistant answering again', async () => {
    // The assistant answers at first.
    expect((await chat('When do orders ship?')).at(-1)).toMatchObject({ type: 'done' });
    expect(engine.calls).toHaveLength(1);

    // The visitor asks for a person: waiting, and in the inbox with its wait time.
    const handoff = await call('handoff', { method: 'POST', body: {} });
    expect((await handoff.json()) as HandoffStatus).toEqual({ state: 'waiting', personName: null });
    const inbox = await A.callers.member.inbox.list({});
    expect(inbox.items).toEqual([
      expect.objectContaining({
        sessionId: visitor.sessionId,
        state: 'waiting',
        holder: null,
        waitingSince: expect.any(Date),
        lastVisitorMessage: expect.objectContaining({ content: 'When do orders ship?' }),
      }),
    ]);
    // Asking again keeps the place in the queue.
    await call('handoff', { method: 'POST', body: {} });
    expect((await A.callers.member.inbox.list({})).items[0]!.waitingSince).toEqual(
      inbox.items[0]!.waitingSince,
    );

    // While waiting, the visitor's message goes to the team and no AI answers.
    const waitingTurn = await chat('Is anyone there?');
    expect(waitingTurn.map((e) => e.type)).toEqual(['user-message', 'with-person']);
    expect(engine.calls).toHaveLength(1);

    // A member claims it; the visitor's live stream says who holds it.
    const live = liveEventsUntil((e) => e.type === 'handoff' && e.handoff.state === 'held');
    await new Promise((r) => setTimeout(r, 100));
    const claimed = await A.callers.member.inbox.claim({ sessionId: visitor.sessionId });
    expect(claimed).toMatchObject({ state: 'held', holder: { id: A.users.member } });
    expect((await live).at(-1)).toEqual({
      type: 'handoff',
      handoff: { state: 'held', personName: 'member' },
    });
    const sameClaim = await attempt(A.callers.admin, 'inbox.claim', {
      sessionId: visitor.sessionId,
    });
    expect(sameClaim).toMatchObject({ ok: false, code: 'CONFLICT' });

    // The reply reaches the visitor live and in the transcript (survives a reload), as a person's.
    const before = (await transcript()).messages.at(-1)!.createdAt;
    const replyArrives = liveEventsUntil((e) => e.type === 'message', before);
    await new Promise((r) => setTimeout(r, 100));
    await A.callers.member.inbox.reply({
      sessionId: visitor.sessionId,
      content: 'Hi, I am here to help.',
    });
    const delivered = (await replyArrives).find((e) => e.type === 'message');
    expect(delivered).toMatchObject({
      message: { role: 'assistant', content: 'Hi, I am here to help.', person: { name: 'member' } },
    });
    const afterReply = await transcript();
    expect(afterReply.handoff).toEqual({ state: 'held', personName: 'member' });
    expect(afterReply.messages.at(-1)).toMatchObject({
      content: 'Hi, I am here to help.',
      person: { name: 'member' },
    });

    // Held: the visitor's message is stored and shown to the team; still no AI.
    const heldTurn = await chat('My order 1234 is late.');
    expect(heldTurn.map((e) => e.type)).toEqual(['user-message', 'with-person']);
    expect(engine.calls).toHaveLength(1);
    const view = await A.callers.admin.inbox.get({ sessionId: visitor.sessionId });
    expect(view.messages.map((m) => [m.author, m.content])).toEqual([
      ['visitor', 'When do orders ship?'],
      ['assistant', SCRIPTED_ANSWER],
      ['visitor', 'Is anyone there?'],
      ['person', 'Hi, I am here to help.'],
      ['visitor', 'My order 1234 is late.'],
    ]);

    // An internal note is for the team only.
    await A.callers.admin.inbox.note({ sessionId: visitor.sessionId, content: 'VIP customer' });
    expect(
      (await A.callers.member.inbox.get({ sessionId: visitor.sessionId })).notes,
    ).toMatchObject([{ content: 'VIP customer', authorName: 'admin' }]);
    expect(JSON.stringify(await transcript())).not.toContain('VIP customer');

    // Hand back: the assistant answers again.
    await A.callers.member.inbox.release({ sessionId: visitor.sessionId });
    expect((await transcript()).handoff).toEqual({ state: 'assistant', personName: null });
    expect((await A.callers.member.inbox.list({})).items).toEqual([]);
    const back = await chat('When do orders ship?');
    expect(back.at(-1)).toMatchObject({ type: 'done' });
    expect(engine.calls).toHaveLength(2);
  });

  it("another tenant's member can do none of it", async () => {
    await call('handoff', { method: 'POST', body: {} });
    const sessionId = visitor.sessionId;
    expect((await B.callers.owner.inbox.list({})).items).toEqual([]);
    for (const [path, input] of [
      ['inbox.get', { sessionId }],
      ['inbox.claim', { sessionId }],
      ['inbox.reply', { sessionId, content: 'hello from Beta' }],
      ['inbox.note', { sessionId, content: 'note from Beta' }],
      ['inbox.release', { sessionId }],
      ['inbox.inviteToCall', { sessionId }],
    ] as const) {
      expect(await attempt(B.callers.owner, path, input), path).toMatchObject({
        ok: false,
        code: 'NOT_FOUND',
      });
    }
    const view = await A.callers.owner.inbox.get({ sessionId });
    expect(view.state).toBe('waiting');
    expect(JSON.stringify(view)).not.toContain('Beta');
  });

  it('only the roles the tenant allows may claim; members may still reply once someone holds it', async () => {
    const sessionId = visitor.sessionId; // waiting, from the test above
    await A.callers.owner.tenant.update({ settings: { handoffClaimRole: 'admin' } });
    expect(await attempt(A.callers.member, 'inbox.claim', { sessionId })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    await A.callers.admin.inbox.claim({ sessionId });
    await A.callers.member.inbox.reply({ sessionId, content: 'A colleague will follow up.' });
    // A member cannot hand back a colleague's conversation; the holder can.
    expect(await attempt(A.callers.member, 'inbox.release', { sessionId })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    await A.callers.admin.inbox.release({ sessionId });
  });

  it('invites the visitor to a call: a LiveKit meeting and a "Join call" link in the transcript', async () => {
    const sessionId = visitor.sessionId;
    await call('handoff', { method: 'POST', body: {} });
    await A.callers.owner.inbox.claim({ sessionId });
    const invited = await A.callers.owner.inbox.inviteToCall({ sessionId });
    const meeting = await A.callers.owner.meetings.get({ id: invited.meetingId });
    expect(meeting.status).toBe('live');
    // The room exists on the LiveKit server (the in-test Twirp peer), created with a valid token.
    expect(t.livekit.rooms.has(roomNameFor(A.tenantId, invited.meetingId))).toBe(true);
    expect(t.livekit.calls.filter((c) => c.method === 'CreateRoom').at(-1)).toMatchObject({
      status: 200,
    });
    const last = (await transcript()).messages.at(-1)!;
    expect(last.person).toEqual({ name: 'owner' });
    expect(last.call?.url).toMatch(/\/meetings\/join\?invite=v1\./);
    // The link works: it redeems for a LiveKit token on that meeting's room.
    const invite = decodeURIComponent(new URL(last.call!.url).searchParams.get('invite')!);
    const join = await A.callers.anonymous.meetings.redeemGuestInvite({ invite });
    expect(join).toMatchObject({ meetingId: invited.meetingId, displayName: 'Visitor' });
  });

  it('the dashboard live stream says "changed" when its tenant\'s inbox changes, only to members', async () => {
    const live = createPollFeed(25);
    const abort = new AbortController();
    const open = (s: SeededTenant | null) =>
      inboxLiveResponse({
        db: t.db,
        live,
        session: s ? { userId: s.users.member, sessionToken: s.sessionTokens.member } : null,
        signal: abort.signal,
      });
    expect((await open(null)).status).toBe(401);
    const reader = (response: Response) => {
      const body = response.body!.getReader();
      const decoder = new TextDecoder();
      let changes = 0;
      return {
        changes: () => changes,
        pump: (async () => {
          for (;;) {
            const { value, done } = await body.read();
            if (done) return;
            changes += decoder.decode(value).split('"changed"').length - 1;
          }
        })(),
      };
    };
    const mine = reader(await open(A));
    const theirs = reader(await open(B));
    await vi.waitFor(() => expect(mine.changes()).toBe(1)); // the first state
    await vi.waitFor(() => expect(theirs.changes()).toBe(1));
    await A.callers.owner.inbox.note({ sessionId: visitor.sessionId, content: 'Follow up' });
    await vi.waitFor(() => expect(mine.changes()).toBe(2), { timeout: 3000 });
    // Tenant B's stream stayed silent through A's change (it re-read several times meanwhile).
    expect(theirs.changes()).toBe(1);
    abort.abort();
    await Promise.all([mine.pump, theirs.pump]);
  });

  it('the assistant offers a person when it found nothing to answer from, or when asked in plain words', async () => {
    const { sessionId } = visitor;
    if ((await transcript()).handoff.state !== 'assistant')
      await A.callers.owner.inbox.release({ sessionId });
    const calls = engine.calls.length;

    // Answered from a source: no offer.
    expect((await chat('When do orders ship?')).at(-1)).toEqual({
      type: 'done',
      id: expect.any(String),
    });
    // Nothing relevant found: the answer comes with the offer.
    expect((await chat('Something unknown to the knowledge base')).at(-1)).toMatchObject({
      type: 'done',
      offerPerson: true,
    });
    expect(engine.calls).toHaveLength(calls + 2);
    // A human asked for in plain words: stored, offered a person, no AI at all.
    const asked = await chat('Can I talk to a human, please?');
    expect(asked.map((e) => e.type)).toEqual(['user-message', 'offer-person']);
    expect(engine.calls).toHaveLength(calls + 2);
    expect((await transcript()).messages.at(-1)).toMatchObject({
      role: 'user',
      content: 'Can I talk to a human, please?',
    });
    // Offering is not handing off: nobody is asked for until the visitor accepts.
    expect((await transcript()).handoff.state).toBe('assistant');
  });

  it('lists waiting conversations oldest first, then those held', async () => {
    const newVisitor = async () =>
      (await (
        await call('session', { method: 'POST', body: {}, token: null })
      ).json()) as SessionStartResponse;
    const [first, second, third] = [await newVisitor(), await newVisitor(), await newVisitor()];
    for (const v of [first, second, third]) {
      await call('handoff', { method: 'POST', body: {}, token: v.token });
      await new Promise((r) => setTimeout(r, 20)); // distinct request times
    }
    await A.callers.owner.inbox.claim({ sessionId: first.sessionId });
    const items = (await A.callers.member.inbox.list({})).items;
    expect(items.map((i) => [i.sessionId, i.state])).toEqual([
      [second.sessionId, 'waiting'],
      [third.sessionId, 'waiting'],
      [first.sessionId, 'held'],
    ]);
    expect(+items[0]!.waitingSince).toBeLessThan(+items[1]!.waitingSince);
  });

  it('shows the support hours and away message an admin set on the widget to its visitors', async () => {
    await A.callers.admin.widgets.update({
      id: A.ids.widgetId,
      settings: {
        supportHours: 'Mon-Fri 9:00-17:00 CET',
        awayMessage: 'We reply within the hour.',
      },
    });
    const started = (await (
      await call('session', { method: 'POST', body: {}, token: null })
    ).json()) as SessionStartResponse;
    expect(started.widget).toMatchObject({
      supportHours: 'Mon-Fri 9:00-17:00 CET',
      awayMessage: 'We reply within the hour.',
    });
    // A member cannot change them.
    expect(
      await attempt(A.callers.member, 'widgets.update', {
        id: A.ids.widgetId,
        settings: { awayMessage: 'Gone fishing' },
      }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
