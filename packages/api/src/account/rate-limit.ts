import type { SignInAttempt, SignInLimiter } from '@platform/auth';
import { normalizeEmail, type Database } from '@platform/db';
import { apiEnv, type ApiEnv } from '../env';
import { clientAddress } from '../lib/client-address';
import { consumeInStages, digestKey, enforceInStages, limiterFor } from '../lib/rate-limit';
import type { RateLimiter } from '../widget/rate-limit';
import { SignInFailures } from './sign-in-failures';

const DAY_SECONDS = 24 * 60 * 60;
/** The longest delay guesses from many addresses can impose on an email (see SIGN_IN_FREE_FAILURES_EMAIL). */
const EMAIL_MAX_DELAY_SECONDS = 60;

/**
 * Password sign-in limits for Auth.js (createAuthConfig's `signInLimiter`), in Postgres shared by
 * every app process:
 * - per client address, every attempt on any email (a fixed window): stops spraying;
 * - per address and email, growing delays after a few wrong passwords: stops guessing from one
 *   place, and only there (a success from that address clears it);
 * - per email from all addresses, growing delays after many more, answered as a wrong password:
 *   slows guessing spread over many addresses. One address cannot reach it, so an attacker's
 *   guesses never lock out the user signing in from their own address.
 * Emails are keyed by digest: counters never store one in clear.
 */
export function createSignInLimiter(
  db: Database,
  options: { env?: ApiEnv; limiter?: RateLimiter; now?: () => number } = {},
): SignInLimiter {
  const failures = new SignInFailures(db, options.now);
  const rulesFor = ({ email, request }: SignInAttempt, env: ApiEnv) => {
    const ip = clientAddress(request.headers);
    const emailKey = digestKey(normalizeEmail(email));
    return {
      ip,
      pair: {
        key: `sign-in-pair:${digestKey(`${ip}\n${emailKey}`)}`,
        free: env.SIGN_IN_FREE_FAILURES,
        maxDelaySeconds: env.AUTH_RATE_WINDOW_SECONDS,
        memorySeconds: DAY_SECONDS,
      },
      email: {
        key: `sign-in-email:${emailKey}`,
        free: env.SIGN_IN_FREE_FAILURES_EMAIL,
        maxDelaySeconds: EMAIL_MAX_DELAY_SECONDS,
        memorySeconds: env.AUTH_RATE_WINDOW_SECONDS,
      },
    };
  };
  return {
    async check(attempt) {
      const env = options.env ?? apiEnv();
      const { ip, pair, email } = rulesFor(attempt, env);
      const spraying = await consumeInStages(
        limiterFor({ db, limiter: options.limiter }),
        [{ key: `sign-in-ip:${ip}`, limit: env.SIGN_IN_RATE_LIMIT_IP }],
        env.AUTH_RATE_WINDOW_SECONDS,
      );
      if (!spraying.allowed)
        return {
          allowed: false,
          retryAfterSeconds: spraying.retryAfterSeconds,
          answer: 'rate_limited',
        };
      const [pairWait = 0, emailWait = 0] = await failures.waitFor([pair, email]);
      if (pairWait > 0)
        return { allowed: false, retryAfterSeconds: pairWait, answer: 'rate_limited' };
      if (emailWait > 0)
        return { allowed: false, retryAfterSeconds: emailWait, answer: 'wrong_password' };
      return { allowed: true };
    },
    async record(attempt, succeeded) {
      const { pair, email } = rulesFor(attempt, options.env ?? apiEnv());
      if (succeeded) await failures.clear(pair.key);
      else await failures.fail([pair, email]);
    },
  };
}

/** Sign-ups per client address (each creates a tenant). */
export async function limitSignUp(ctx: {
  db: Database;
  limiter?: RateLimiter;
  headers: Headers;
}): Promise<void> {
  const env = apiEnv();
  await enforceInStages(
    limiterFor(ctx),
    [
      {
        key: `sign-up-ip:${clientAddress(ctx.headers)}`,
        limit: env.SIGN_UP_RATE_LIMIT_IP,
      },
    ],
    env.AUTH_RATE_WINDOW_SECONDS,
    (seconds) =>
      `Too many sign-ups from this network. Try again in ${Math.ceil(seconds / 60)} minutes.`,
  );
}
