import { expect, request as playwrightRequest, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';
import { PASSWORD, uniqueEmail } from './helpers';

/**
 * Over real HTTP against the running production build: no tenant can stall the server, and no
 * attacker can lock a user out. Figures are printed (the 10x latency bound is the issue's
 * acceptance criterion; parsing in-thread made the cheap request 80x slower).
 */
const baseURL = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
const port = new URL(baseURL).port || '3000';

async function csrfToken(api: APIRequestContext): Promise<string> {
  return ((await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;
}

/** A new tenant's owner, signed in on `api`. */
async function signedUpOwner(api: APIRequestContext, prefix: string): Promise<string> {
  const email = uniqueEmail(prefix);
  const signUp = await api.post('/api/trpc/account.signUp', {
    data: { json: { email, password: PASSWORD, tenantName: `${prefix} Co` } },
  });
  expect(signUp.status(), await signUp.text()).toBe(200);
  expect(await signIn(api, email, PASSWORD)).toBe('signed-in');
  return email;
}

/** A credentials sign-in; what the redirect says. */
async function signIn(api: APIRequestContext, email: string, password: string) {
  const response = await api.post('/api/auth/callback/credentials', {
    form: { csrfToken: await csrfToken(api), email, password, callbackUrl: baseURL },
    maxRedirects: 0,
  });
  const location = response.headers()['location'] ?? '';
  if (!location.includes('error=')) return 'signed-in';
  return new URL(location, baseURL).searchParams.get('code') ?? 'error';
}

async function timed(api: APIRequestContext, path: string): Promise<number> {
  const started = performance.now();
  const response = await api.get(path);
  expect(response.status()).toBe(200);
  return performance.now() - started;
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

test('a 2 MB pathological HTML upload does not stall other requests', async () => {
  test.setTimeout(120_000);
  const uploader = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { origin: baseURL },
  });
  const other = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { origin: baseURL },
  });
  await signedUpOwner(uploader, 'stall-uploader');
  await signedUpOwner(other, 'stall-bystander');

  const cheap = '/api/trpc/account.me';
  for (let i = 0; i < 3; i++) await timed(other, cheap); // warm up
  const baseline: number[] = [];
  for (let i = 0; i < 9; i++) baseline.push(await timed(other, cheap));

  // 200,000 nested divs, about 2.4 MB (issue 15's file).
  const html = `<html><body>${'<div>x'.repeat(200_000)}${'</div>'.repeat(200_000)}</body></html>`;
  const started = performance.now();
  let uploadDone = false;
  const upload = uploader
    .post('/api/trpc/knowledge.upload', {
      data: {
        json: {
          filename: 'nested.html',
          mimeType: 'text/html',
          contentBase64: Buffer.from(html).toString('base64'),
        },
      },
      timeout: 90_000,
    })
    .finally(() => (uploadDone = true));

  const during: number[] = [];
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the upload is received and parsing
  while (!uploadDone && during.length < 40) {
    during.push(await timed(other, cheap));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const response = await upload;
  const uploadSeconds = (performance.now() - started) / 1000;
  const body = await response.text();
  console.log(
    `cheap request median: baseline ${median(baseline).toFixed(1)} ms, during the upload ` +
      `${median(during).toFixed(1)} ms (max ${Math.max(...during).toFixed(1)} ms, ${during.length} requests); ` +
      `upload answered ${response.status()} after ${uploadSeconds.toFixed(1)} s`,
  );

  expect(during.length).toBeGreaterThan(3);
  expect(median(during)).toBeLessThanOrEqual(10 * median(baseline));
  // Refused past the parse time limit with a readable message, or parsed within it.
  if (response.status() === 200) {
    expect(body).toContain('"title"');
  } else {
    expect(response.status()).toBe(400);
    expect(body).toMatch(/This file took longer than \d+(\.\d+)? s to read and was refused/);
  }

  await uploader.dispose();
  await other.dispose();
});

test("an attacker's wrong passwords from one address do not stop the right password from another", async () => {
  // Two client addresses: the connection's own (IPv4 and IPv6 loopback) and, for an app that
  // trusts one proxy hop, X-Forwarded-For.
  const owner = await playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { origin: baseURL },
  });
  const email = await signedUpOwner(owner, 'lockout');
  const attacker = await playwrightRequest.newContext({
    baseURL: `http://127.0.0.1:${port}`,
    // Writes need the app's own Origin (cross-origin writes are refused).
    extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.66', origin: `http://127.0.0.1:${port}` },
  });
  const user = await playwrightRequest.newContext({
    baseURL: `http://[::1]:${port}`,
    extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.23', origin: `http://[::1]:${port}` },
  });

  const answers: string[] = [];
  for (let i = 0; i < 12; i++) answers.push(await signIn(attacker, email, `guess number ${i}`));
  console.log(`attacker's answers: ${answers.join(', ')}`);
  expect(answers.slice(0, 5)).toEqual(Array(5).fill('credentials'));
  // After the free failures the attacker's address must wait, even with the right password.
  expect(answers.slice(5)).toContain('rate_limited');

  // The user, from their own address, signs in at once.
  expect(await signIn(user, email, PASSWORD)).toBe('signed-in');
  const me = await user.get('/api/trpc/account.me');
  expect(me.status()).toBe(200);

  await Promise.all([owner.dispose(), attacker.dispose(), user.dispose()]);
});
