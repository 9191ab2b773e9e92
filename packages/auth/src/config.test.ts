import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithOwner } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { createAuthConfig, enabledProviders } from './config';
import { readAuthEnv } from './env';
import { readRequestSession } from './sessions/cookie';
import { hashSessionToken } from './sessions/sessions';
import { AuthClient } from './testing/auth-flow';
import { runTag } from '@platform/db/testing';

/** Fixed e-mails get this run's own domain: the database may be shared (TEST_DATABASE_URL). */
const RUN = runTag();

let t: TestDatabase;
const env = readAuthEnv({ NODE_ENV: 'test' });
let config: ReturnType<typeof createAuthConfig>;
let ownerId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  config = createAuthConfig(t.db, { env });
  const { owner } = await createTenantWithOwner(t.db, {
    tenantName: 'Acme',
    email: `Owner@${RUN}.Acme.test`, // mixed case: sign-in must match case-insensitively
    password: 'correct horse',
  });
  ownerId = owner.id;
});
afterAll(() => t.close());

const sessionRows = async () =>
  t.raw('select session_token, user_id from auth_sessions where user_id = $1', [ownerId]);

describe('Auth.js with credentials and revocable sessions', () => {
  it('signs in, stores a session row, and exposes the user id (never the session token)', async () => {
    const client = new AuthClient(config);
    const before = (await sessionRows()).length;
    const response = await client.signIn(`owner@${RUN}.acme.test`, 'correct horse');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).not.toContain('error');
    expect(client.sessionCookie).toBeTruthy();
    expect((await sessionRows()).length).toBe(before + 1);

    const session = await client.session();
    expect(session?.user.id).toBe(ownerId);
    expect(JSON.stringify(session)).not.toMatch(/sid|sessionToken/);

    // The API reads the same cookie; the token in it is the row's, hashed at rest.
    const fromCookie = await readRequestSession(
      new Headers({ cookie: client.jar.header() }),
      env.secret,
    );
    expect(fromCookie?.userId).toBe(ownerId);
    const rows = await sessionRows();
    expect(rows.map((r) => r.session_token)).toContain(hashSessionToken(fromCookie!.sessionToken));
    expect(rows.map((r) => r.session_token)).not.toContain(fromCookie!.sessionToken);
  });

  it('refuses a wrong password and an unknown email without creating a session', async () => {
    // This run's users only: other files may sign in meanwhile.
    const sessions = async () =>
      (
        await t.raw(
          `select count(*)::int as n from auth_sessions s join users u on u.id = s.user_id
           where lower(u.email) like $1`,
          [`%@${RUN}.acme.test`],
        )
      )[0]!.n;
    const before = await sessions();
    for (const [email, password] of [
      [`owner@${RUN}.acme.test`, 'wrong password'],
      [`nobody@${RUN}.acme.test`, 'correct horse'],
    ] as const) {
      const client = new AuthClient(config);
      const response = await client.signIn(email, password);
      expect(response.headers.get('location')).toContain('error=CredentialsSignin');
      expect(client.sessionCookie).toBeUndefined();
      expect(await client.session()).toBeNull();
    }
    expect(await sessions()).toBe(before);
  });

  it('ends the session on the next request once its row is deleted (member removal, revocation)', async () => {
    const client = new AuthClient(config);
    await client.signIn(`owner@${RUN}.acme.test`, 'correct horse');
    const { sessionToken } = (await readRequestSession(
      new Headers({ cookie: client.jar.header() }),
      env.secret,
    ))!;
    expect(await client.session()).not.toBeNull();

    await t.raw('delete from auth_sessions where session_token = $1', [
      hashSessionToken(sessionToken),
    ]);
    expect(await client.session()).toBeNull();
    expect(client.sessionCookie).toBeUndefined(); // Auth.js cleared the cookie
  });

  it('signing out deletes the row, so a copy of the old cookie is worthless', async () => {
    const client = new AuthClient(config);
    await client.signIn(`owner@${RUN}.acme.test`, 'correct horse');
    const stolen = client.jar.header();
    const { sessionToken } = (await readRequestSession(
      new Headers({ cookie: stolen }),
      env.secret,
    ))!;

    await client.signOut();
    expect(client.sessionCookie).toBeUndefined();
    expect(
      await t.raw('select 1 from auth_sessions where session_token = $1', [
        hashSessionToken(sessionToken),
      ]),
    ).toEqual([]);

    const thief = new AuthClient(config);
    for (const part of stolen.split('; ')) {
      const [name, value] = part.split('=');
      thief.jar.store(new Response(null, { headers: { 'set-cookie': `${name}=${value}` } }));
    }
    expect(await thief.session()).toBeNull();
  });

  it('offers only the providers whose settings are present', () => {
    expect(enabledProviders(readAuthEnv({}))).toEqual(['credentials']);
    expect(
      enabledProviders(
        readAuthEnv({
          AUTH_GOOGLE_ID: 'id',
          AUTH_GOOGLE_SECRET: 'secret',
          AUTH_MICROSOFT_ENTRA_ID_ID: 'id',
          AUTH_MICROSOFT_ENTRA_ID_SECRET: '',
        }),
      ),
    ).toEqual(['credentials', 'google']);
  });
});
