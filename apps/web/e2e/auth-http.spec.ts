import { expect, request as playwrightRequest, test } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';

/**
 * The whole sign-in path over real HTTP against the running app (no browser): sign up through
 * tRPC, sign in through Auth.js' credentials endpoint, call a tenant procedure with the session
 * cookie, sign out, and find the API refusing both the signed-out client and a copy of its old
 * cookie (the session row is gone server-side, not just the cookie).
 */
const baseURL = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
const password = 'correct horse battery staple';

// The API uses superjson: inputs go as { json }, results come back as { result: { data: { json } } }.
// Writes carry the app's own Origin, as the dashboard's do (others are refused: security.spec.ts).
async function trpcMutation(api: APIRequestContext, path: string, input: unknown) {
  return api.post(`/api/trpc/${path}`, {
    data: { json: input },
    headers: { 'content-type': 'application/json', origin: new URL(baseURL).origin },
  });
}
async function trpcQuery(api: APIRequestContext, path: string) {
  return api.get(`/api/trpc/${path}`);
}
async function csrfToken(api: APIRequestContext): Promise<string> {
  const response = await api.get('/api/auth/csrf');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

test('sign-up -> sign-in -> tRPC call -> sign-out -> call rejected', async () => {
  const api = await playwrightRequest.newContext({ baseURL });
  const email = `http-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;

  // Sign up: tenant and owner in one transaction.
  const signUp = await trpcMutation(api, 'account.signUp', {
    email,
    password,
    tenantName: 'HTTP Test Co',
  });
  expect(signUp.status(), await signUp.text()).toBe(200);
  const created = (await signUp.json()).result.data.json as { tenantId: string; apiKey: string };
  expect(created.apiKey).toMatch(/^pk_/);

  // Not signed in yet: tenant procedures are refused.
  expect((await trpcQuery(api, 'account.me')).status()).toBe(401);

  // A wrong password does not sign in.
  const wrong = await api.post('/api/auth/callback/credentials', {
    form: {
      csrfToken: await csrfToken(api),
      email,
      password: 'not the password',
      callbackUrl: baseURL,
    },
    maxRedirects: 0,
  });
  expect(wrong.headers()['location']).toContain('error=CredentialsSignin');
  expect((await trpcQuery(api, 'account.me')).status()).toBe(401);

  // Sign in (email case and spaces do not matter).
  const signIn = await api.post('/api/auth/callback/credentials', {
    form: {
      csrfToken: await csrfToken(api),
      email: ` ${email.toUpperCase()} `,
      password,
      callbackUrl: baseURL,
    },
    maxRedirects: 0,
  });
  expect(signIn.status()).toBe(302);
  expect(signIn.headers()['location']).not.toContain('error');

  // A tenant procedure with the session cookie: the tenant comes from the database.
  const me = await trpcQuery(api, 'account.me');
  expect(me.status(), await me.text()).toBe(200);
  const account = (await me.json()).result.data.json as {
    email: string;
    role: string;
    tenant: { id: string; name: string };
  };
  expect(account).toMatchObject({
    email,
    role: 'owner',
    tenant: { id: created.tenantId, name: 'HTTP Test Co' },
  });

  // Bad input over HTTP: 400 naming the field.
  const bad = await trpcMutation(api, 'widgets.create', {
    name: 'W',
    domainWhitelist: ['not an origin'],
  });
  expect(bad.status()).toBe(400);
  expect(JSON.stringify(await bad.json())).toContain('domainWhitelist.0');

  const oldCookies = await api.storageState();

  // Sign out: the session row is deleted.
  const signOut = await api.post('/api/auth/signout', {
    form: { csrfToken: await csrfToken(api), callbackUrl: baseURL },
    maxRedirects: 0,
  });
  expect(signOut.status()).toBe(302);
  expect((await trpcQuery(api, 'account.me')).status()).toBe(401);

  // A copy of the signed-in cookie is now worthless too.
  const replay = await playwrightRequest.newContext({ baseURL, storageState: oldCookies });
  const replayed = await trpcQuery(replay, 'account.me');
  expect(replayed.status()).toBe(401);
  expect(JSON.stringify(await replayed.json())).toContain('UNAUTHORIZED');

  await replay.dispose();
  await api.dispose();
});
