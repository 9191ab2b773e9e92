import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import { PASSWORD, startSecondApp, uniqueEmail, watchPolicyViolations } from './helpers';

/**
 * The public surface against the running production stack: the dashboard cannot be framed by
 * another site and runs with its Content-Security-Policy without a single violation; every
 * top-level route carries the security headers, each inline script the request's nonce; writes
 * from another origin are refused; invented X-Forwarded-For values do not escape a per-address
 * limit; a 200-call tRPC batch is refused; error bodies carry no stack traces.
 */
const baseURL = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
const APP_ORIGIN = new URL(baseURL).origin;
const EVIL = 'http://evil.example';

/** Every signed-in dashboard section (a folder of app/(app)), plus the public pages. */
const dashboardRoutes = readdirSync(fileURLToPath(new URL('../src/app/(app)', import.meta.url)), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => `/${entry.name}`);
const publicRoutes = ['/sign-in', '/sign-up', '/invite', '/meetings/join'];

async function signUpInBrowser(page: Page) {
  await page.goto('/sign-up');
  await page.getByLabel('Company or workspace name').fill(`Security ${Date.now()}`);
  await page.getByLabel('Work email').fill(uniqueEmail('security'));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/onboarding$/, { timeout: 30_000 });
}

test('the dashboard renders with its CSP on and reports no violation; another site cannot frame it', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext();
  const violations = await watchPolicyViolations(context);
  const page = await context.newPage();
  await signUpInBrowser(page);

  // Every section, by client-side navigation and by a fresh load: scripts run (the pages are
  // interactive), and nothing is blocked.
  for (const route of dashboardRoutes) {
    await page.goto(route);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  }
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Widgets' })
    .click();
  await page.getByRole('link', { name: 'New widget' }).first().click();
  // The live preview frames the widget's own page, which keeps its own policy, and follows the form.
  await page.getByLabel('Greeting').fill('Hello under a strict policy');
  await expect(
    page.frameLocator('[data-testid="widget-preview-frame"]').getByRole('log'),
  ).toContainText('Hello under a strict policy');
  // Meeting pages are opened as their own document: the only ones allowed camera and microphone.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Meetings' })
    .click();
  await expect(page).toHaveURL(/\/meetings$/);
  expect(
    await page.evaluate(() =>
      (
        document as unknown as { featurePolicy?: { allowsFeature(f: string): boolean } }
      ).featurePolicy?.allowsFeature('camera'),
    ),
  ).toBe(true);
  expect(violations).toEqual([]);

  // Another site frames /overview (the signed-in dashboard) and /sign-in: both stay blank (the
  // browser shows its error page instead). The widget's chat frame, which any site may frame,
  // loads in the same page: the check can tell a loaded frame from a blocked one. The other site
  // is a local server (127.0.0.1, another site than localhost): Chrome would block a public site
  // framing a local address for reasons of its own.
  const other = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end(`<!doctype html><title>Not the app</title>
      <iframe id="overview" src="${APP_ORIGIN}/overview"></iframe>
      <iframe id="sign-in" src="${APP_ORIGIN}/sign-in"></iframe>
      <iframe id="widget" src="${APP_ORIGIN}/widget/frame.html"></iframe>`);
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const evil = await context.newPage();
  await evil.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/clickjack`);
  const frameUrl = async (id: string) =>
    (await (await evil.locator(`#${id}`).elementHandle()).contentFrame())?.url() ?? '';
  await expect.poll(() => frameUrl('widget')).toBe(`${APP_ORIGIN}/widget/frame.html`);
  for (const id of ['overview', 'sign-in']) {
    await expect.poll(() => frameUrl(id)).toMatch(/^chrome-error:/);
  }
  other.close();
  await context.close();
});

test('every top-level route carries the security headers, and every script the nonce', async () => {
  const api = await playwrightRequest.newContext({ baseURL });
  // Signed out, the dashboard's routes redirect to sign-in; signed in, each renders its page.
  const signedIn = await signedInClient();
  const nonces = new Set<string>();
  const checks: Array<[APIRequestContext, string]> = [
    ...['/', ...dashboardRoutes, ...publicRoutes].map(
      (route) => [api, route] as [APIRequestContext, string],
    ),
    ...dashboardRoutes.map((route) => [signedIn, route] as [APIRequestContext, string]),
  ];
  for (const [client, route] of checks) {
    const response = await client.get(route, { maxRedirects: 0 });
    expect([200, 307], route).toContain(response.status());
    if (client === signedIn) expect(response.status(), `${route} signed in`).toBe(200);
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, `${route}: ${csp}`).toBeTruthy();
    nonces.add(nonce!);
    expect(csp, route).toContain("frame-ancestors 'none'");
    expect(csp, route).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic';/);
    expect(headers['x-frame-options'], route).toBe('DENY');
    expect(headers['x-content-type-options'], route).toBe('nosniff');
    expect(headers['referrer-policy'], route).toBe('strict-origin-when-cross-origin');
    expect(headers['strict-transport-security'], route).toMatch(/max-age=\d+/);
    const media = route.startsWith('/meetings') ? '(self)' : '()';
    expect(headers['permissions-policy'], route).toContain(`camera=${media}, microphone=${media}`);
    if (response.status() === 200) {
      const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, route).toBeGreaterThan(0);
      expect(
        scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`)),
        `${route}: scripts without this request's nonce`,
      ).toEqual([]);
    }
  }
  // A fresh nonce per request.
  expect(nonces.size).toBe(checks.length);

  // API responses are never documents: no framing, no sniffing.
  const apiResponse = await api.get('/api/trpc/account.providers');
  expect(apiResponse.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(apiResponse.headers()['x-content-type-options']).toBe('nosniff');
  await api.dispose();
  await signedIn.dispose();
});

/** A signed-in HTTP client (no browser): signed up through tRPC, signed in through Auth.js. */
async function signedInClient(): Promise<APIRequestContext> {
  const api = await playwrightRequest.newContext({ baseURL });
  const email = uniqueEmail('origin');
  const signUp = await api.post('/api/trpc/account.signUp', {
    data: { json: { email, password: PASSWORD, tenantName: 'Origin Co' } },
    headers: { origin: APP_ORIGIN },
  });
  expect(signUp.status(), await signUp.text()).toBe(200);
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const signIn = await api.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password: PASSWORD, callbackUrl: baseURL },
    maxRedirects: 0,
  });
  expect(signIn.headers()['location']).not.toContain('error');
  return api;
}

async function widgetNames(api: APIRequestContext): Promise<string[]> {
  const response = await api.get(
    `/api/trpc/widgets.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`,
  );
  expect(response.status(), await response.text()).toBe(200);
  const data = (await response.json()).result.data.json as
    Array<{ name: string }> | { items: Array<{ name: string }> };
  return (Array.isArray(data) ? data : data.items).map((w) => w.name);
}

test('a write from another origin is refused with 403 and changes nothing; from the app it works', async () => {
  const api = await signedInClient();
  const create = (name: string, headers: Record<string, string>) =>
    api.post('/api/trpc/widgets.create', {
      data: { json: { name, domainWhitelist: [] } },
      headers,
    });

  const foreign: Array<Record<string, string>> = [
    { origin: EVIL },
    { origin: 'null' },
    { 'sec-fetch-site': 'cross-site' },
    {}, // neither Origin nor Sec-Fetch-Site: no browser sends that
  ];
  for (const headers of foreign) {
    const refused = await create('Forged', headers);
    expect(refused.status(), JSON.stringify(headers)).toBe(403);
    expect(await refused.text()).toContain('came from another site');
  }
  expect(await widgetNames(api)).toEqual([]);

  const made = await create('Mine', { origin: APP_ORIGIN });
  expect(made.status(), await made.text()).toBe(200);
  // Without Origin, the browser's Sec-Fetch-Site says it came from the app (or was typed).
  const sameOrigin = await create('Mine too', { 'sec-fetch-site': 'same-origin' });
  expect(sameOrigin.status(), await sameOrigin.text()).toBe(200);
  expect((await widgetNames(api)).sort()).toEqual(['Mine', 'Mine too']);
  await api.dispose();
});

test('invented X-Forwarded-For values do not escape the per-address limit (no proxy trusted)', async () => {
  // Guest invite redemption: public, limited per client address (30 a minute by default) before
  // the invite is even looked up. Each attempt claims another address.
  const api = await playwrightRequest.newContext({ baseURL });
  let refusedAt = -1;
  for (let i = 0; i < 61 && refusedAt < 0; i++) {
    const response = await api.post('/api/trpc/meetings.redeemGuestInvite', {
      data: { json: { invite: `v1.invented${i}.${'x'.repeat(40)}` } },
      headers: {
        origin: APP_ORIGIN,
        'x-forwarded-for': `198.51.100.${i + 1}`,
        'x-real-ip': `203.0.113.${i + 1}`,
      },
    });
    if (response.status() === 429) {
      refusedAt = i;
      const body = (await response.json()) as {
        error: { json: { data: { retryAfterSeconds: number } } };
      };
      expect(body.error.json.data.retryAfterSeconds).toBeGreaterThan(0);
    } else expect(response.status(), await response.text()).not.toBe(200);
  }
  // Refused within two windows' worth (the loop may straddle a window boundary).
  expect(refusedAt).not.toBe(-1);
  await api.dispose();
});

test('with TRUSTED_PROXY_HOPS=1 the address one hop from the right is the client', async () => {
  test.setTimeout(240_000);
  // A second app process on the same database, configured for one proxy in front.
  const second = await startSecondApp(process.env.E2E_PROXY_HOPS_PORT ?? '4102', {
    TRUSTED_PROXY_HOPS: '1',
  });
  const proxied = second.url;
  try {
    const api = await playwrightRequest.newContext({ baseURL: proxied });
    const post = (invite: string, forwardedFor: string) =>
      api.post('/api/trpc/meetings.redeemGuestInvite', {
        data: { json: { invite } },
        headers: { origin: proxied, 'x-forwarded-for': forwardedFor },
      });
    // What the client wrote (left) changes every time; what our proxy appended stays: limited.
    const client = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    let refusedAt = -1;
    for (let i = 0; i < 61 && refusedAt < 0; i++) {
      const response = await post(`v1.madeup${i}.${'x'.repeat(40)}`, `10.9.${i}.1, ${client}`);
      if (response.status() === 429) refusedAt = i;
    }
    expect(refusedAt).toBeGreaterThan(0);
    // Another client behind the same proxy is not (and naming the first one on the left is no use).
    const other = await post(
      `v1.madeupother.${'x'.repeat(40)}`,
      `${client}, 198.19.0.${refusedAt}`,
    );
    expect(other.status(), await other.text()).not.toBe(429);
    await api.dispose();
  } finally {
    second.stop();
  }
});

test('a 200-call batch is refused at once; error bodies carry no stack trace', async () => {
  const api = await playwrightRequest.newContext({ baseURL });
  const calls = Array.from({ length: 200 }, () => 'account.providers').join(',');
  const batch = await api.get(`/api/trpc/${calls}?batch=1&input={}`);
  expect(batch.status()).toBe(400);
  expect(await batch.text()).toContain('Too many calls in one request: 200, at most 20.');

  const small = await api.get(
    `/api/trpc/${Array.from({ length: 20 }, () => 'account.providers').join(',')}?batch=1&input={}`,
  );
  expect(small.status()).toBe(200);

  const broken = [
    await api.post('/api/trpc/account.signUp', {
      headers: { origin: APP_ORIGIN, 'content-type': 'application/json' },
      data: '{"json": {',
    }),
    await api.get('/api/trpc/no.such.procedure'),
    await api.post('/api/widget/not-a-widget/session', { data: '{', headers: { origin: EVIL } }),
  ];
  for (const response of broken) {
    expect(response.status()).toBeGreaterThanOrEqual(400);
    const body = await response.text();
    expect(body).not.toContain('"stack"');
    expect(body).not.toMatch(/\bat .+:\d+:\d+/);
  }
  await api.dispose();
});
