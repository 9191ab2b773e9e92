import { randomUUID } from 'node:crypto';
import { createTenantWithOwner, widgets } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWidgetApi } from './api';
import { readWidgetEnv } from './env';
import type {
  ChatStreamEvent,
  ErrorResponse,
  SessionStartResponse,
  TranscriptResponse,
} from './protocol';
import { PostgresRateLimiter } from './rate-limit';
import { scriptedChatEngine, SCRIPTED_ANSWER, SCRIPTED_SOURCE } from './testing';
import { fromPeer } from '../testing/peer-address';
import { signVisitorToken, verifyVisitorToken } from './token';
import { sharedWidgetCache } from './widget-cache';

/**
 * The public widget API over plain fetch Requests against a real (PGlite) database: every
 * refusal the issue lists, the rate limiter, and a chat turn streamed as SSE.
 */
const HOST = 'http://localhost:4100';
const APP = 'http://localhost:3000';
const env = readWidgetEnv({
  NODE_ENV: 'test',
  WIDGET_TOKEN_SECRET: 'integration-test-secret-0123456789abcdef',
  WIDGET_RATE_LIMIT_VISITOR: '8',
  WIDGET_RATE_LIMIT_IP: '12',
  WIDGET_RATE_LIMIT_WIDGET: '1000',
  WIDGET_RATE_WINDOW_SECONDS: '60',
});

let test: TestDatabase;
let clockMs = Date.UTC(2026, 10, 23, 12, 0, 0);
let tenantId: string;
let widgetId: string;
let otherWidgetId: string;
let inactiveWidgetId: string;
let engine: ReturnType<typeof scriptedChatEngine>;
let api: ReturnType<typeof createWidgetApi>;
let ipCounter = 0;
let ip: string;

beforeAll(async () => {
  test = await createTestDatabase();
  const { tenant } = await createTenantWithOwner(test.db, {
    tenantName: 'Acme',
    email: `o-${randomUUID()}@acme.test`,
  });
  tenantId = tenant.id;
  const other = await createTenantWithOwner(test.db, {
    tenantName: 'Other',
    email: `o-${randomUUID()}@other.test`,
  });
  [widgetId, inactiveWidgetId] = await test.db.withTenant(tenantId, async (tx) => {
    const rows = await tx
      .insert(widgets)
      .values([
        {
          tenantId,
          name: 'Main',
          domainWhitelist: [HOST, APP],
          settings: {
            theme: 'dark',
            position: 'bottom-left',
            greeting: 'Hello!',
            primaryColor: '#ff0000',
          },
        },
        { tenantId, name: 'Off', domainWhitelist: [HOST], isActive: false },
      ])
      .returning();
    return rows.map((r) => r.id) as [string, string];
  });
  otherWidgetId = await test.db.withTenant(other.tenant.id, async (tx) => {
    const [row] = await tx
      .insert(widgets)
      .values({ tenantId: other.tenant.id, name: 'Theirs', domainWhitelist: [HOST] })
      .returning();
    return row!.id;
  });
  engine = scriptedChatEngine(test.db);
  api = createWidgetApi({
    db: test.db,
    engine,
    env,
    limiter: new PostgresRateLimiter(test.db, { now: () => clockMs }),
    now: () => Math.floor(clockMs / 1000),
  });
});
afterAll(async () => {
  await test.close();
});
beforeEach(() => {
  // A fresh client IP per test keeps the per-IP limit out of tests that are not about it.
  ipCounter += 1;
  ip = `198.51.100.${ipCounter}`;
});

function call(
  path: string,
  init: {
    method?: string;
    origin?: string | null;
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
) {
  const headers = new Headers({ ...fromPeer(ip), ...init.headers });
  if (init.origin !== null) headers.set('origin', init.origin ?? HOST);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  return api.handle(
    new Request(`${APP}/api/widget/${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
  );
}

async function start(id = widgetId, body: unknown = {}, origin = HOST) {
  const response = await call(`${id}/session`, { body, origin });
  return { response, json: (await response.json()) as SessionStartResponse & ErrorResponse };
}

async function readEvents(response: Response): Promise<ChatStreamEvent[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice(6)) as ChatStreamEvent);
}

describe('session start (from the host page)', () => {
  it('issues a token bound to widget, tenant, session and origin, with CORS for that origin only', async () => {
    const { response, json } = await start();
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(HOST);
    expect(response.headers.get('vary')).toContain('Origin');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(json.widget).toEqual({
      name: 'Main',
      theme: 'dark',
      position: 'bottom-left',
      greeting: 'Hello!',
      primaryColor: '#ff0000',
      secondaryColor: '#eef2ff',
      supportHours: '',
      awayMessage: '',
    });
    const claims = verifyVisitorToken(json.token, env.WIDGET_TOKEN_SECRET, {
      now: Math.floor(clockMs / 1000),
    });
    expect(claims).toMatchObject({ wid: widgetId, tid: tenantId, sid: json.sessionId, org: HOST });
    expect(claims.exp - claims.iat).toBe(env.WIDGET_TOKEN_TTL_SECONDS);
  });

  it('answers the CORS preflight for whitelisted origins only', async () => {
    const ok = await call(`${widgetId}/session`, {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(HOST);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/i);

    const evil = await call(`${widgetId}/session`, {
      method: 'OPTIONS',
      origin: 'https://evil.test',
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('vary')).toContain('Origin');
  });

  it('refuses an origin that is not in the whitelist, without CORS headers', async () => {
    const { response, json } = await start(widgetId, {}, 'https://evil.test');
    expect(response.status).toBe(403);
    expect(json.error.code).toBe('origin_not_allowed');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(json).not.toHaveProperty('token');

    const noOrigin = await call(`${widgetId}/session`, { body: {}, origin: null });
    expect(noOrigin.status).toBe(403);
  });

  it('refuses an unknown widget id, and a malformed one', async () => {
    const { response, json } = await start(randomUUID());
    expect(response.status).toBe(404);
    expect(json.error.code).toBe('widget_not_found');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await call('not-a-uuid/session', { body: {} })).status).toBe(404);
  });

  it('refuses an inactive widget', async () => {
    const { response, json } = await start(inactiveWidgetId);
    expect(response.status).toBe(403);
    expect(json.error.code).toBe('widget_inactive');
  });

  it('refuses bodies that fail validation (the client can never name a tenant)', async () => {
    const { response, json } = await start(widgetId, { tenantId: randomUUID() });
    expect(response.status).toBe(400);
    expect(json.error.code).toBe('bad_request');
  });
});

describe('calls that carry the visitor token', () => {
  it('refuses a tampered token', async () => {
    const { json } = await start();
    const [header, payload, signature] = json.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sid: randomUUID() })).toString(
      'base64url',
    );
    for (const token of [`${header}.${forged}.${signature}`, `${json.token}x`, 'garbage']) {
      const response = await call(`${widgetId}/messages`, { token });
      expect(response.status).toBe(401);
      expect(((await response.json()) as ErrorResponse).error.code).toBe('invalid_token');
    }
    expect((await call(`${widgetId}/messages`)).status).toBe(401);
  });

  it('refuses an expired token, renews a live one, and resumes the session through session start', async () => {
    const { json } = await start();
    const renewed = await call(`${widgetId}/token`, { token: json.token, body: {} });
    expect(renewed.status).toBe(200);
    const fresh = (await renewed.json()) as { token: string; expiresAt: number };
    expect(
      verifyVisitorToken(fresh.token, env.WIDGET_TOKEN_SECRET, { now: Math.floor(clockMs / 1000) })
        .sid,
    ).toBe(json.sessionId);

    clockMs += (env.WIDGET_TOKEN_TTL_SECONDS + 1) * 1000;
    const expired = await call(`${widgetId}/messages`, { token: json.token });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as ErrorResponse).error.code).toBe('token_expired');
    expect((await call(`${widgetId}/token`, { token: json.token, body: {} })).status).toBe(401);

    // Reload after the token lapsed: the host page starts again with the kept token: same session.
    const again = await start(widgetId, { resumeToken: json.token });
    expect(again.json.resumed).toBe(true);
    expect(again.json.sessionId).toBe(json.sessionId);
    // ...but not from another origin, and not after the session's lifetime.
    expect((await start(widgetId, { resumeToken: json.token }, APP)).json.resumed).toBe(false);
    clockMs += env.WIDGET_SESSION_TTL_SECONDS * 1000;
    const late = await start(widgetId, { resumeToken: json.token });
    expect(late.json.resumed).toBe(false);
    expect(late.json.sessionId).not.toBe(json.sessionId);
  });

  it("refuses another widget's token, of the same or another tenant", async () => {
    const mine = (await start()).json.token;
    const theirs = (await start(otherWidgetId)).json.token;
    expect((await call(`${otherWidgetId}/messages`, { token: mine })).status).toBe(401);
    expect((await call(`${widgetId}/messages`, { token: theirs })).status).toBe(401);
    // A token whose tenant does not own the widget, even if signed with our secret.
    const claims = verifyVisitorToken(mine, env.WIDGET_TOKEN_SECRET, {
      now: Math.floor(clockMs / 1000),
    });
    const crossed = signVisitorToken({ ...claims, tid: randomUUID() }, env.WIDGET_TOKEN_SECRET);
    expect((await call(`${widgetId}/messages`, { token: crossed })).status).toBe(401);
  });

  it('refuses a token used from a page of another origin', async () => {
    const { json } = await start();
    const response = await call(`${widgetId}/messages`, {
      token: json.token,
      origin: 'https://evil.test',
    });
    expect(response.status).toBe(403);
    // From our own frame (same origin as the API) and from the host page itself it works.
    expect((await call(`${widgetId}/messages`, { token: json.token, origin: APP })).status).toBe(
      200,
    );
    const host = await call(`${widgetId}/messages`, { token: json.token, origin: HOST });
    expect(host.headers.get('access-control-allow-origin')).toBe(HOST);
  });

  it('cuts off a live token when the widget is deactivated or its origin removed', async () => {
    const { json } = await start();
    // The dashboard's mutations forget the cached widget after they commit (widgets/router.ts,
    // tested in widgets.test.ts); these direct updates do the same.
    const forget = () => sharedWidgetCache().forgetWidget(widgetId);
    await test.db.withTenant(tenantId, (tx) =>
      tx
        .update(widgets)
        .set({ domainWhitelist: [APP] })
        .where(eq(widgets.id, widgetId)),
    );
    forget();
    expect((await call(`${widgetId}/messages`, { token: json.token, origin: APP })).status).toBe(
      403,
    );
    await test.db.withTenant(tenantId, (tx) =>
      tx
        .update(widgets)
        .set({ domainWhitelist: [HOST, APP], isActive: false })
        .where(eq(widgets.id, widgetId)),
    );
    forget();
    expect((await call(`${widgetId}/messages`, { token: json.token, origin: APP })).status).toBe(
      403,
    );
    await test.db.withTenant(tenantId, (tx) =>
      tx.update(widgets).set({ isActive: true }).where(eq(widgets.id, widgetId)),
    );
    forget();
    expect((await call(`${widgetId}/messages`, { token: json.token, origin: APP })).status).toBe(
      200,
    );
  });
});

describe('chat over SSE, transcript and feedback', () => {
  it('streams a turn, keeps the transcript for a reload, and stores feedback on the answer', async () => {
    const { json } = await start();
    const response = await call(`${widgetId}/chat`, {
      token: json.token,
      origin: APP,
      body: { content: 'When do orders ship?' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('cache-control')).toContain('no-transform');
    const events = await readEvents(response);
    expect(events[0]?.type).toBe('user-message');
    expect(events[1]).toEqual({ type: 'sources', sources: [{ index: 1, ...SCRIPTED_SOURCE }] });
    expect(events.at(-1)?.type).toBe('done');
    expect(events.map((e) => (e.type === 'delta' ? e.text : '')).join('')).toBe(SCRIPTED_ANSWER);
    expect(engine.calls.at(-1)).toMatchObject({
      tenantId,
      widgetId,
      sessionId: json.sessionId,
      content: 'When do orders ship?',
    });

    const transcript = (await (
      await call(`${widgetId}/messages`, { token: json.token, origin: APP })
    ).json()) as TranscriptResponse;
    expect(transcript.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'When do orders ship?'],
      ['assistant', SCRIPTED_ANSWER],
    ]);
    const answer = transcript.messages[1]!;
    expect(answer.sources[0]).toEqual({ index: 1, ...SCRIPTED_SOURCE });

    const up = await call(`${widgetId}/feedback`, {
      token: json.token,
      origin: APP,
      body: { messageId: answer.id, value: 'down' },
    });
    expect(up.status).toBe(200);
    const [row] = await test.raw('select metadata from messages where id = $1', [answer.id]);
    expect(row?.metadata).toMatchObject({ feedback: 'down', status: 'complete' });
    // Feedback on the visitor's own message, or a message of another session, is not found.
    const other = (await start()).json.token;
    expect(
      (
        await call(`${widgetId}/feedback`, {
          token: other,
          origin: APP,
          body: { messageId: answer.id, value: 'up' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(`${widgetId}/feedback`, {
          token: json.token,
          origin: APP,
          body: { messageId: transcript.messages[0]!.id, value: 'up' },
        })
      ).status,
    ).toBe(404);
    // Cleared.
    await call(`${widgetId}/feedback`, {
      token: json.token,
      origin: APP,
      body: { messageId: answer.id, value: null },
    });
    const [cleared] = await test.raw('select metadata from messages where id = $1', [answer.id]);
    expect(cleared?.metadata).not.toHaveProperty('feedback');

    // Another visitor's transcript is their own.
    const theirs = (await (
      await call(`${widgetId}/messages`, { token: other, origin: APP })
    ).json()) as TranscriptResponse;
    expect(theirs.messages).toEqual([]);
  });

  it('turns an engine failure into a retryable error event, and a budget refusal into a polite final one', async () => {
    const { json } = await start();
    const chat = async (content: string) =>
      (
        await readEvents(
          await call(`${widgetId}/chat`, { token: json.token, origin: APP, body: { content } }),
        )
      ).at(-1);
    expect(await chat('please fail')).toEqual({
      type: 'error',
      code: 'unavailable',
      message: 'Sorry, something went wrong while answering. Please try again.',
      retryable: true,
    });
    expect(await chat('over budget?')).toEqual({
      type: 'error',
      code: 'budget_exceeded',
      message: 'This assistant has reached its limit for now.',
      retryable: false,
    });
    // An engine that throws mid-stream still ends the stream with a friendly event, never a 500.
    const throwing = createWidgetApi({
      db: test.db,
      env,
      engine: {
        // eslint-disable-next-line require-yield
        async *streamChatTurn() {
          throw new Error('socket hang up at 10.0.0.3');
        },
      },
      now: () => Math.floor(clockMs / 1000),
      limiter: new PostgresRateLimiter(test.db, { now: () => clockMs }),
    });
    const response = await throwing.handle(
      new Request(`${APP}/api/widget/${widgetId}/chat`, {
        method: 'POST',
        headers: { authorization: `Bearer ${json.token}`, origin: APP, ...fromPeer(ip) },
        body: JSON.stringify({ content: 'hello' }),
      }),
    );
    expect(response.status).toBe(200);
    const events = await readEvents(response);
    expect(events).toEqual([
      { type: 'error', code: 'internal', message: expect.any(String) as string, retryable: true },
    ]);
    expect(JSON.stringify(events)).not.toContain('10.0.0.3');
  });

  it('limits the message length and refuses empty messages before calling the engine', async () => {
    const { json } = await start();
    const before = engine.calls.length;
    const long = await call(`${widgetId}/chat`, {
      token: json.token,
      origin: APP,
      body: { content: 'x'.repeat(env.WIDGET_MAX_MESSAGE_CHARS + 1) },
    });
    expect(long.status).toBe(400);
    expect(((await long.json()) as ErrorResponse).error.code).toBe('message_too_long');
    expect(
      (await call(`${widgetId}/chat`, { token: json.token, origin: APP, body: { content: '   ' } }))
        .status,
    ).toBe(400);
    expect(engine.calls.length).toBe(before);
  });
});

describe('rate limits', () => {
  it('answers a visitor flood with 429 and Retry-After, and recovers in the next window', async () => {
    clockMs = Math.ceil(clockMs / 60_000) * 60_000 + 10_000; // 10 s into a window
    const { json } = await start();
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 10; i += 1) {
      ip = `203.0.113.${i}`; // many IPs: it is the visitor limit (8) that holds
      const response = await call(`${widgetId}/messages`, { token: json.token, origin: APP });
      statuses.push(response.status);
      if (response.status === 429) limited ??= response;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(statuses.slice(8)).toEqual([429, 429]);
    expect(limited!.headers.get('retry-after')).toBe('50');
    expect(((await limited!.json()) as ErrorResponse).error.code).toBe('rate_limited');

    clockMs += 50_000;
    expect((await call(`${widgetId}/messages`, { token: json.token, origin: APP })).status).toBe(
      200,
    );
  });

  it('limits session starts per IP, with Retry-After readable by the whitelisted host page', async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 14; i += 1) {
      // Each start claims another address: no proxy is trusted, so the claim changes nothing.
      const response = await call(`${widgetId}/session`, {
        body: {},
        headers: { 'x-forwarded-for': `203.0.113.${i}`, 'x-real-ip': `192.0.2.${i}` },
      });
      statuses.push(response.status);
      if (response.status === 429) limited ??= response;
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(12);
    expect(limited!.headers.get('access-control-allow-origin')).toBe(HOST);
    expect(limited!.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    clockMs += 60_000;
    expect((await start()).response.status).toBe(200);
  });
});

describe('diagnose (for the host page developer)', () => {
  it('says in plain words why the widget cannot start', async () => {
    const ask = async (id: string, origin: string) =>
      (await (
        await call(`${id}/diagnose?origin=${encodeURIComponent(origin)}`, { origin: APP })
      ).json()) as { code: string; message: string };
    expect(await ask(widgetId, HOST)).toMatchObject({ code: 'ok' });
    const notAllowed = await ask(widgetId, 'https://shop.example.com');
    expect(notAllowed.code).toBe('origin_not_allowed');
    expect(notAllowed.message).toContain('https://shop.example.com is not in the allowed domains');
    expect((await ask(randomUUID(), HOST)).code).toBe('widget_not_found');
    expect((await ask(inactiveWidgetId, HOST)).code).toBe('widget_inactive');
  });
});
