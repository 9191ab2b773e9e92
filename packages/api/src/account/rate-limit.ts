import type { SignInLimiter } from '@platform/auth';
import { normalizeEmail, type Database } from '@platform/db';
import { apiEnv, type ApiEnv } from '../env';
import { clientAddress } from '../lib/client-address';
import { consumeInStages, digestKey, enforceInStages, limiterFor } from '../lib/rate-limit';
import type { RateLimiter } from '../widget/rate-limit';

/**
 * Password sign-in limits for Auth.js (createAuthConfig's `signInLimiter`): per client address,
 * then per email (as a digest), in Postgres counters shared by every app process. Every attempt
 * counts, right or wrong: the limits are far above what a person types.
 */
export function createSignInLimiter(
  db: Database,
  options: { env?: ApiEnv; limiter?: RateLimiter } = {},
): SignInLimiter {
  return {
    async consume({ email, request }) {
      const env = options.env ?? apiEnv();
      const ip = clientAddress(request.headers);
      const decision = await consumeInStages(
        limiterFor({ db, limiter: options.limiter }),
        [
          { key: `sign-in-ip:${ip}`, limit: env.SIGN_IN_RATE_LIMIT_IP },
          {
            key: `sign-in-email:${digestKey(normalizeEmail(email))}`,
            limit: env.SIGN_IN_RATE_LIMIT_EMAIL,
          },
        ],
        env.AUTH_RATE_WINDOW_SECONDS,
      );
      return decision.allowed
        ? decision
        : { allowed: false, retryAfterSeconds: decision.retryAfterSeconds };
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
