import { CredentialsSignin } from '@auth/core/errors';

export type SignInDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Guards password sign-in against guessing. Implemented where the counters live (@platform/api,
 * Postgres counters shared by every process) and handed to createAuthConfig; this package only
 * asks. `request` is the sign-in request, for the client address.
 */
export interface SignInLimiter {
  consume(attempt: { email: string; request: Request }): Promise<SignInDecision>;
}

/**
 * What Auth.js reports for a refused attempt: the dashboard receives `code=rate_limited` and says
 * so, instead of "wrong password" (which would send a user to try again at once).
 */
export class SignInRateLimited extends CredentialsSignin {
  override code = 'rate_limited';
}
