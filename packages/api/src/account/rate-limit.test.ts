import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthConfig, readAuthEnv } from '@platform/auth';
import { AuthClient } from '@platform/auth/testing';
import { createTenantWithOwner } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { createCaller } from '../root';
import { createContext } from '../trpc';
import { readApiEnv } from '../env';
import { PostgresRateLimiter } from '../widget/rate-limit';
import { attempt } from '../testing/procedures';
import { createSignInLimiter } from './rate-limit';
import { runTag } from '@platform/db/testing';

/** Fixed e-mails get this run's own domain: the database may be shared (TEST_DATABASE_URL). */
const RUN = runTag();

let t: TestDatabase;
// A fixed clock: every attempt lands in one window, however slow the machine.
const now = () => Date.parse('2026-11-23T10:01:00Z');
let limiter: PostgresRateLimiter;

beforeAll(async () => {
  t = await createTestDatabase();
  limiter = new PostgresRateLimiter(t.db, { now });
  for (const email of [`ada@${RUN}.limits.test`, `bob@${RUN}.limits.test`]) {
    await createTenantWithOwner(t.db, { tenantName: email, email, password: 'correct horse' });
  }
});
afterAll(() => t.close());

const authWith = (limits: Record<string, string>) =>
  createAuthConfig(t.db, {
    env: readAuthEnv({ NODE_ENV: 'test' }),
    signInLimiter: createSignInLimiter(t.db, { env: readApiEnv(limits), limiter }),
  });

/** Where Auth.js sends the browser after a credentials sign-in. */
const outcome = async (client: AuthClient, email: string, password: string) => {
  const location = (await client.signIn(email, password)).headers.get('location') ?? '';
  const url = new URL(location);
  return {
    error: url.searchParams.get('error'),
    code: url.searchParams.get('code'),
    signedIn: Boolean(client.sessionCookie),
  };
};

describe('password sign-in limits', () => {
  it('after too many attempts on one email, even the right password is refused, as rate_limited', async () => {
    const config = authWith({ SIGN_IN_RATE_LIMIT_EMAIL: '3', SIGN_IN_RATE_LIMIT_IP: '100' });
    for (let i = 0; i < 3; i++) {
      expect(
        await outcome(new AuthClient(config), `ada@${RUN}.limits.test`, 'wrong guess'),
      ).toMatchObject({ error: 'CredentialsSignin', code: 'credentials', signedIn: false });
    }
    expect(
      await outcome(new AuthClient(config), `Ada@${RUN}.Limits.test`, 'correct horse'),
    ).toEqual({
      error: 'CredentialsSignin',
      code: 'rate_limited',
      signedIn: false,
    });
    // Another account is not locked out by guesses at this one.
    expect(
      await outcome(new AuthClient(config), `bob@${RUN}.limits.test`, 'correct horse'),
    ).toMatchObject({
      error: null,
      signedIn: true,
    });
  });

  it('one address spraying many emails is stopped at the address', async () => {
    const config = authWith({ SIGN_IN_RATE_LIMIT_EMAIL: '100', SIGN_IN_RATE_LIMIT_IP: '4' });
    // The IP counter already holds this window's earlier attempts (all from "unknown").
    const used = Number(
      (
        await t.raw(
          `select coalesce(sum(count), 0) as n from rate_limit_counters where key like 'sign-in-ip:%'`,
        )
      )[0]?.n,
    );
    expect(used).toBeGreaterThanOrEqual(4);
    expect(
      await outcome(new AuthClient(config), `someone@${RUN}.limits.test`, 'x'.repeat(10)),
    ).toMatchObject({
      code: 'rate_limited',
    });
    // Counters key emails by digest: no address or email is stored in clear.
    const keys = await t.raw('select key from rate_limit_counters');
    expect(keys.map((k) => String(k.key)).join(' ')).not.toMatch(/limits\.test/);
  });
});

describe('sign-up limits', () => {
  it('sign-ups from one client address stop at the limit with a readable 429', async () => {
    const headers = new Headers({ 'x-forwarded-for': '198.51.100.7' });
    const caller = createCaller(
      createContext({ db: t.db, session: null, headers, limiter, logError: () => {} }),
    );
    const limit = readApiEnv({}).SIGN_UP_RATE_LIMIT_IP;
    for (let i = 0; i < limit; i++) {
      await caller.account.signUp({
        email: `owner${i}@${RUN}.signup-limit.test`,
        password: 'long enough',
        tenantName: `Tenant ${i}`,
      });
    }
    const refused = await attempt(caller, 'account.signUp', {
      email: `one-more@${RUN}.signup-limit.test`,
      password: 'long enough',
      tenantName: 'One more',
    });
    expect(refused).toMatchObject({ ok: false, code: 'TOO_MANY_REQUESTS' });
    expect(refused.message).toMatch(/Too many sign-ups from this network/);
    expect(
      await t.raw('select 1 from users where email = $1', [`one-more@${RUN}.signup-limit.test`]),
    ).toEqual([]);

    // Another address is unaffected.
    const elsewhere = createCaller(
      createContext({
        db: t.db,
        session: null,
        headers: new Headers({ 'x-forwarded-for': '203.0.113.9' }),
        limiter,
        logError: () => {},
      }),
    );
    await expect(
      elsewhere.account.signUp({
        email: `elsewhere@${RUN}.signup-limit.test`,
        password: 'long enough',
        tenantName: 'Elsewhere',
      }),
    ).resolves.toMatchObject({ email: `elsewhere@${RUN}.signup-limit.test` });
  });
});
