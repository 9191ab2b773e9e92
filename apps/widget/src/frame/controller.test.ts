// @vitest-environment node
import { randomUUID } from 'node:crypto';
import type { FrameToHostMessage, SessionStartResponse } from '@platform/api/widget/protocol';
import {
  createWidgetApi,
  PostgresRateLimiter,
  readWidgetEnv,
  WidgetCache,
} from '@platform/api/widget';
import { SCRIPTED_ANSWER, SCRIPTED_SOURCE, scriptedChatEngine } from '@platform/api/widget/testing';
import { createTenantWithOwner, widgets } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChatController } from './controller';
import { safeStorage } from './storage';

/**
 * The frame's controller against the real widget API (plain Request -> Response, real PGlite):
 * what the visitor sees after session start, a streamed turn, feedback, a reload, retry after
 * a failure, token renewal, and the developer message for a misconfigured embed.
 */
const HOST = 'http://localhost:4100';
const APP = 'http://localhost:3000';
const env = readWidgetEnv({
  NODE_ENV: 'test',
  WIDGET_TOKEN_SECRET: 'controller-test-secret-0123456789abcdef',
});

let test: TestDatabase;
let widgetId: string;
let tenantId: string;
let ownerId: string;
let clockMs = Date.UTC(2026, 10, 23, 12, 0, 0);
let api: ReturnType<typeof createWidgetApi>;
let engine: ReturnType<typeof scriptedChatEngine>;

beforeAll(async () => {
  test = await createTestDatabase();
  const { tenant, owner } = await createTenantWithOwner(test.db, {
    tenantName: 'Acme',
    email: `o-${randomUUID()}@acme.test`,
    ownerName: 'Sam',
  });
  tenantId = tenant.id;
  ownerId = owner.id;
  widgetId = await test.db.withTenant(tenant.id, async (tx) => {
    const [w] = await tx
      .insert(widgets)
      .values({
        tenantId: tenant.id,
        name: 'Acme help',
        domainWhitelist: [HOST],
        settings: { theme: 'light', position: 'bottom-right', greeting: 'Hi there' },
      })
      .returning();
    return w!.id;
  });
  engine = scriptedChatEngine(test.db);
  api = createWidgetApi({
    db: test.db,
    engine,
    env,
    limiter: new PostgresRateLimiter(test.db, { now: () => clockMs }),
    now: () => Math.floor(clockMs / 1000),
    // Nothing kept: these tests change widget rows directly, not through the dashboard's
    // mutations that forget the cached widget.
    widgetCache: new WidgetCache(0),
  });
});
afterAll(async () => {
  await test.close();
});

/** The loader's session call, from the host page. */
async function hostStart(resumeToken: string | null, origin = HOST): Promise<Response> {
  return api.handle(
    new Request(`${APP}/api/widget/${widgetId}/session`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify(resumeToken ? { resumeToken } : {}),
    }),
  );
}

/** A frame: its controller, its storage and what it told the host. */
function frame(
  storage = safeStorage(() => {
    throw new Error('blocked');
  }),
) {
  const toHost: FrameToHostMessage[] = [];
  const timers: Array<() => void> = [];
  const controller = new ChatController({
    widgetId,
    hostOrigin: HOST,
    // Same-origin calls from the frame, as the browser would send them.
    fetch: (input, init) =>
      api.handle(
        new Request(`${APP}${input as string}`, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), origin: APP },
        }),
      ),
    storage,
    toHost: (m) => toHost.push(m),
    now: () => clockMs,
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => {},
  });
  return { controller, storage, toHost, timers };
}

describe('ChatController with the real widget API', () => {
  it('streams an answer with sources, stores feedback, and shows the conversation again after a reload', async () => {
    const first = frame();
    const session = (await (
      await hostStart(first.controller.storedToken())
    ).json()) as SessionStartResponse;
    await first.controller.onSession(session);
    expect(first.controller.state).toMatchObject({
      ready: true,
      messages: [],
      settings: { name: 'Acme help', greeting: 'Hi there' },
    });

    const seen: string[] = [];
    first.controller.subscribe((s) => {
      const last = s.messages.at(-1);
      if (last?.role === 'assistant') seen.push(last.content);
    });
    await first.controller.send('  When do orders ship?  ');
    const [question, answer] = first.controller.state.messages;
    expect(question).toMatchObject({
      role: 'user',
      content: 'When do orders ship?',
      status: 'complete',
    });
    expect(answer).toMatchObject({
      role: 'assistant',
      content: SCRIPTED_ANSWER,
      status: 'complete',
      sources: [{ index: 1, ...SCRIPTED_SOURCE }],
    });
    // Streamed: the text grew in steps before it was complete.
    expect(new Set(seen.filter((t) => t && t !== SCRIPTED_ANSWER)).size).toBeGreaterThan(2);
    expect(first.controller.state.busy).toBe(false);

    await first.controller.feedback(answer!.key, 'up');
    expect(first.controller.state.messages[1]!.feedback).toBe('up');
    const [row] = await test.raw(
      `select metadata->>'feedback' as feedback from messages where id = $1`,
      [answer!.id],
    );
    expect(row?.feedback).toBe('up');

    // Reload: a new frame with the same storage offers the kept token; the host resumes with it.
    const reloaded = frame(first.storage);
    const token = reloaded.controller.storedToken();
    expect(token).toBe(session.token);
    const again = (await (await hostStart(token)).json()) as SessionStartResponse;
    expect(again).toMatchObject({ resumed: true, sessionId: session.sessionId });
    await reloaded.controller.onSession(again);
    expect(reloaded.controller.state.messages.map((m) => [m.role, m.content, m.feedback])).toEqual([
      ['user', 'When do orders ship?', null],
      ['assistant', SCRIPTED_ANSWER, 'up'],
    ]);
  });

  it('shows a friendly failure with Retry, and the retry replaces the failed answer', async () => {
    const f = frame();
    await f.controller.onSession((await (await hostStart(null)).json()) as SessionStartResponse);
    await f.controller.send('please fail');
    const failed = f.controller.state.messages[1]!;
    expect(failed).toMatchObject({ status: 'failed', retry: 'please fail' });
    expect(failed.error).toBe('Sorry, something went wrong while answering. Please try again.');

    // The visitor can keep chatting, and retrying sends the question again.
    const failing = engine.calls.length;
    await f.controller.retry(failed.key);
    expect(engine.calls.length).toBe(failing + 1);
    expect(f.controller.state.messages.filter((m) => m.status === 'failed')).toHaveLength(1);
    await f.controller.send('When do orders ship?');
    expect(f.controller.state.messages.at(-1)).toMatchObject({
      status: 'complete',
      content: SCRIPTED_ANSWER,
    });
  });

  it('shows the polite budget message without Retry when the spending cap refuses', async () => {
    const f = frame();
    await f.controller.onSession((await (await hostStart(null)).json()) as SessionStartResponse);
    await f.controller.send('is the budget gone?');
    const answer = f.controller.state.messages[1]!;
    expect(answer).toMatchObject({
      status: 'failed',
      error: 'This assistant has reached its limit for now.',
    });
    expect(answer.retry).toBeUndefined();
    expect(f.controller.state.busy).toBe(false);
  });

  it('recovers from a lapsed token by resuming through the host page, then sends', async () => {
    const f = frame();
    await f.controller.onSession((await (await hostStart(null)).json()) as SessionStartResponse);
    clockMs += (env.WIDGET_TOKEN_TTL_SECONDS + 5) * 1000;
    // The lapsed token is refused; renewal needs the host (origin check), so the frame asks it.
    const sending = f.controller.send('When do orders ship?');
    await vitestWaitFor(() => f.toHost.some((m) => m.type === 'restart'));
    const restart = f.toHost.find((m) => m.type === 'restart');
    const resumed = (await (
      await hostStart(restart?.type === 'restart' ? restart.resumeToken : null)
    ).json()) as SessionStartResponse;
    expect(resumed.resumed).toBe(true);
    await f.controller.onSession(resumed);
    await sending;
    expect(f.controller.state.messages.at(-1)).toMatchObject({
      status: 'complete',
      content: SCRIPTED_ANSWER,
    });
  });

  it('tells the host page developer, in plain words, why the widget cannot start', async () => {
    const f = frame();
    const refused = await hostStart(null, 'https://not-allowed.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    // The loader cannot read that answer (no CORS), so it reports status 0 and the frame asks why.
    const other = new ChatController({
      widgetId,
      hostOrigin: 'https://not-allowed.example',
      fetch: (input, init) => api.handle(new Request(`${APP}${input as string}`, init)),
      storage: f.storage,
      toHost: (m) => f.toHost.push(m),
    });
    await other.onSessionFailed(0, null);
    expect(f.toHost).toEqual([
      {
        pw: 1,
        type: 'log',
        message: expect.stringContaining(
          'https://not-allowed.example is not in the allowed domains',
        ) as string,
      },
    ]);
  });
});

async function vitestWaitFor(check: () => boolean, timeoutMs = 5000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('ChatController when the widget is turned off mid-conversation', () => {
  it('tells the visitor plainly that the chat is unavailable, not the developer message', async () => {
    const f = frame();
    await f.controller.onSession((await (await hostStart(null)).json()) as SessionStartResponse);
    await test.raw(`update widgets set is_active = false where id = $1`, [widgetId]);
    try {
      await f.controller.send('Are you there?');
      expect(f.controller.state.messages.at(-1)).toMatchObject({
        status: 'failed',
        error: 'The chat is not available right now.',
      });
    } finally {
      await test.raw(`update widgets set is_active = true where id = $1`, [widgetId]);
    }
  });

  it('offers a person, waits with the team, shows their reply live without a reload, and hands back', async () => {
    const f = frame();
    const session = (await (await hostStart(null)).json()) as SessionStartResponse;
    await f.controller.onSession(session);
    const calls = engine.calls.length;

    await f.controller.send('Can I talk to a human?');
    expect(f.controller.state.messages.at(-1)).toMatchObject({
      role: 'assistant',
      offerPerson: true,
      status: 'complete',
    });
    expect(engine.calls).toHaveLength(calls);

    await f.controller.requestPerson('offer');
    expect(f.controller.state.handoff).toEqual({ state: 'waiting', personName: null });

    // The team takes it and replies (as the inbox does; rows written directly here).
    await test.raw(
      `update handoffs set claimed_by = $1, claimed_at = now() where session_id = $2 and released_at is null`,
      [ownerId, session.sessionId],
    );
    await test.raw(
      `insert into messages (tenant_id, session_id, role, author_id, content, metadata)
       values ($1, $2, 'assistant', $3, 'Hello, Sam here.', '{"authorName":"Sam","status":"complete"}')`,
      [tenantId, session.sessionId, ownerId],
    );
    await vi.waitFor(
      () => {
        expect(f.controller.state.handoff).toEqual({ state: 'held', personName: 'Sam' });
        expect(f.controller.state.messages.at(-1)).toMatchObject({
          content: 'Hello, Sam here.',
          person: { name: 'Sam' },
        });
      },
      { timeout: 5000, interval: 50 },
    );

    // Held: the message goes to the team, no answer placeholder, no AI.
    await f.controller.send('Thanks, my order is late');
    expect(f.controller.state.messages.at(-1)).toMatchObject({
      role: 'user',
      content: 'Thanks, my order is late',
    });
    expect(engine.calls).toHaveLength(calls);

    await test.raw(
      `update handoffs set released_at = now() where session_id = $1 and released_at is null`,
      [session.sessionId],
    );
    await vi.waitFor(() => expect(f.controller.state.handoff.state).toBe('assistant'), {
      timeout: 5000,
      interval: 50,
    });
    await f.controller.send('When do orders ship?');
    expect(f.controller.state.messages.at(-1)).toMatchObject({ content: SCRIPTED_ANSWER });
  });
});
