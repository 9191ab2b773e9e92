import type { APIRequestContext } from '@playwright/test';
import { APP_URL, DEMO_WIDGET_ID, expect, HOST, HOST_OFF_LIST, test } from './support';

/** The public widget API's refusals over real HTTP against the running app. */
const api = (path: string) => `${APP_URL}/api/widget/${path}`;

async function startSession(request: APIRequestContext, origin = HOST) {
  const response = await request.post(api(`${DEMO_WIDGET_ID}/session`), {
    headers: { origin },
    data: {},
  });
  return {
    response,
    body: (await response.json()) as { token?: string; error?: { code: string } },
  };
}

test('session start: whitelisted origin gets a token and CORS for exactly that origin', async ({
  request,
}) => {
  const { response, body } = await startSession(request);
  expect(response.status()).toBe(200);
  expect(body.token).toBeTruthy();
  expect(response.headers()['access-control-allow-origin']).toBe(HOST);
  expect(response.headers()['vary']).toMatch(/Origin/);
  expect(response.headers()['access-control-allow-credentials']).toBeUndefined();

  const preflight = await request.fetch(api(`${DEMO_WIDGET_ID}/session`), {
    method: 'OPTIONS',
    headers: {
      origin: HOST,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()['access-control-allow-origin']).toBe(HOST);
});

test('refusals: origin off the whitelist, unknown widget, tampered token, token of another widget', async ({
  request,
}) => {
  const offList = await startSession(request, HOST_OFF_LIST);
  expect(offList.response.status()).toBe(403);
  expect(offList.body.error?.code).toBe('origin_not_allowed');
  expect(offList.response.headers()['access-control-allow-origin']).toBeUndefined();

  const unknown = await request.post(api('00000000-0000-4000-8000-00000000dead/session'), {
    headers: { origin: HOST },
    data: {},
  });
  expect(unknown.status()).toBe(404);

  const { body } = await startSession(request);
  const token = body.token!;
  const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
  const bad = await request.get(api(`${DEMO_WIDGET_ID}/messages`), {
    headers: { authorization: `Bearer ${tampered}` },
  });
  expect(bad.status()).toBe(401);
  const elsewhere = await request.get(api('00000000-0000-4000-8000-00000000beef/messages'), {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(elsewhere.status()).toBe(401);
  const ok = await request.get(api(`${DEMO_WIDGET_ID}/messages`), {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(ok.status()).toBe(200);
});

test('a flood gets 429 with Retry-After, and the limiter recovers', async ({ request }) => {
  test.setTimeout(180_000);
  const { body } = await startSession(request);
  const headers = { authorization: `Bearer ${body.token!}` };
  let limited: Awaited<ReturnType<typeof request.get>> | undefined;
  for (let i = 0; i < 200 && !limited; i += 1) {
    const response = await request.get(api(`${DEMO_WIDGET_ID}/messages`), { headers });
    if (response.status() === 429) limited = response;
    else expect(response.status()).toBe(200);
  }
  expect(limited, 'no 429 within 200 requests').toBeDefined();
  const retryAfter = Number(limited!.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(((await limited!.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  await new Promise((r) => setTimeout(r, (retryAfter + 1) * 1000));
  expect((await request.get(api(`${DEMO_WIDGET_ID}/messages`), { headers })).status()).toBe(200);
});
