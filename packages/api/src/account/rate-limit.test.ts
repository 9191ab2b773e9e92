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
import { fromPeer } from '../testing/peer-address';
import { createSignInLimiter } from './rate-limit';
import { runTag } from '@platform/db/testing';
import { randomInt } from 'node:crypto';

/** This run's own e-mails and addresses: the database may be shared (TEST_DATABASE_URL). */
const RUN = runTag();
const NET = `2001:db8:${randomInt(0x10000).toString(16)}:${randomInt(0x10000).toString(16)}`;
const address = (host: number) => `${NET}::${host.toString(16)}`;

let t: TestDatabase;
// A clock the tests move: every attempt lands in one window, however slow the machine.
let clock = Date.parse('2026-11-23T10:01:00Z');
const now = () => clock;
let limiter: PostgresRateLimiter;

beforeAll(async () => {
  t = await createTestDatabase();
  limiter = new PostgresRateLimiter(t.db, { now });
  for (const email of [
    `ada@${RUN}.limits.test`,
    `bob@${RUN}.limits.test`,
    `cy@${RUN}.limits.test`,
  ]) {
    await createTenantWithOwner(t.db, { tenantName: email, email, password: 'correct horse' });
  }
});
afterAll(() => t.close());

const authWith = (limits: Record<string, string>) =>
  createAuthConfig(t.db, {
    env: readAuthEnv({ NODE_ENV: 'test' }),
    signInLimiter: createSignInLimiter(t.db, { env: readApiEnv(limits), limiter, now }),
  });

/** Where Auth.js sends the browser after a credentials sign-in from `address`. */
const outcome = async (
  config: ReturnType<typeof createAuthConfig>,
  address: string,
  email: string,
  password: string,
) => {
  // Every attempt also claims an invented address: no proxy is trusted, so that changes nothing.
  const invented = `203.0.113.${randomInt(256)}`;
  const client = new AuthClient(config, {
    ...fromPeer(address),
    'x-forwarded-for': invented,
    'x-real-ip': invented,
  });
  const location = (await client.signIn(email, password)).headers.get('location') ?? '';
  const url = new URL(location);
  return {
    error: url.searchParams.get('error'),
    code: url.searchParams.get('code'),
    signedIn: Boolean(client.sessionCookie),
  };
};
const wrongPassword = { error: 'CredentialsSignin', code: 'credentials', signedIn: false };
const rateLimited = { error: 'CredentialsSignin', code: 'rate_limited', signedIn: false };
const signedIn = { error: null, code: null, signedIn: true };

describe('password sign-in limits', () => {
  it("an attacker's wrong passwords from one address do not stop the right password from another", async () => {
    const config = authWith({ SIGN_IN_FREE_FAILURES: '3', SIGN_IN_RATE_LIMIT_IP: '100' });
    const attacker = address(0x66);
    for (let i = 0; i < 3; i++)
      expect(await outcome(config, attacker, `ada@${RUN}.limits.test`, `guess ${i}`)).toEqual(
        wrongPassword,
      );
    // From the attacker's address, even the right password now waits (1 s, then 2 s, 4 s, ...).
    expect(await outcome(config, attacker, `Ada@${RUN}.Limits.test`, 'correct horse')).toEqual(
      rateLimited,
    );
    clock += 1_000;
    expect(await outcome(config, attacker, `ada@${RUN}.limits.test`, 'guess 3')).toEqual(
      wrongPassword,
    );
    clock += 1_000;
    expect(await outcome(config, attacker, `ada@${RUN}.limits.test`, 'guess 4')).toEqual(
      rateLimited,
    );
    // The user, from their own address, signs in at once.
    expect(await outcome(config, address(0x7), `ada@${RUN}.limits.test`, 'correct horse')).toEqual(
      signedIn,
    );
    // Another account is not touched by guesses at this one.
    expect(await outcome(config, attacker, `bob@${RUN}.limits.test`, 'correct horse')).toEqual(
      signedIn,
    );
    // Once the delay has passed, the attacker's address is back to one guess per delay.
    clock += 2_000;
    expect(await outcome(config, attacker, `ada@${RUN}.limits.test`, 'correct horse')).toEqual(
      signedIn,
    );
  });

  it('guesses at one email from many addresses slow it down, answered as a wrong password', async () => {
    const config = authWith({
      SIGN_IN_FREE_FAILURES: '3',
      SIGN_IN_FREE_FAILURES_EMAIL: '6',
      SIGN_IN_RATE_LIMIT_IP: '100',
    });
    clock += 3_600_000;
    for (let i = 0; i < 6; i++)
      expect(await outcome(config, address(0x100 + i), `cy@${RUN}.limits.test`, 'guess')).toEqual(
        wrongPassword,
      );
    // Locked for a second: the right password gets the wrong-password answer (no oracle).
    expect(await outcome(config, address(0x8), `cy@${RUN}.limits.test`, 'correct horse')).toEqual(
      wrongPassword,
    );
    clock += 1_000;
    expect(await outcome(config, address(0x8), `cy@${RUN}.limits.test`, 'correct horse')).toEqual(
      signedIn,
    );
  });

  it('one address spraying many emails is stopped at the address', async () => {
    const config = authWith({ SIGN_IN_RATE_LIMIT_IP: '4' });
    clock += 3_600_000;
    const sprayer = address(0x99);
    for (let i = 0; i < 4; i++)
      expect(
        await outcome(config, sprayer, `someone${i}@${RUN}.limits.test`, 'x'.repeat(10)),
      ).toEqual(wrongPassword);
    expect(await outcome(config, sprayer, `someone9@${RUN}.limits.test`, 'x'.repeat(10))).toEqual(
      rateLimited,
    );
    // Counters key emails by digest: no email is stored in clear.
    const keys = [
      ...(await t.raw('select key from rate_limit_counters')),
      ...(await t.raw('select key from sign_in_failures')),
    ];
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.map((k) => String(k.key)).join(' ')).not.toMatch(/limits\.test/);
  });
});

describe('sign-up limits', () => {
  it('sign-ups from one client address stop at the limit with a readable 429', async () => {
    // Each sign-up claims another address (X-Forwarded-For): no proxy is trusted, so it counts
    // against the peer address all the same.
    const callerClaiming = (i: number) =>
      createCaller(
        createContext({
          db: t.db,
          session: null,
          headers: new Headers({
            ...fromPeer(address(0x1007)),
            'x-forwarded-for': `203.0.113.${i % 256}`,
          }),
          limiter,
          logError: () => {},
        }),
      );
    const caller = callerClaiming(999);
    const limit = readApiEnv({}).SIGN_UP_RATE_LIMIT_IP;
    for (let i = 0; i < limit; i++) {
      await callerClaiming(i).account.signUp({
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
        headers: new Headers(fromPeer(address(0x1009))),
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
