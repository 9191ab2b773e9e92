import { CredentialsSignin } from '@auth/core/errors';

/**
 * A refused attempt says how it is answered: `rate_limited` tells the client to wait (too many
 * attempts from its address, or from its address on this email); `wrong_password` is the answer
 * for an email under attack from many addresses, the same as a wrong password, so the lock is
 * no oracle and not worth provoking.
 */
export type SignInDecision =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; answer: 'rate_limited' | 'wrong_password' };

export interface SignInAttempt {
  email: string;
  /** The sign-in request, for the client address. */
  request: Request;
}

/**
 * Guards password sign-in against guessing. Implemented where the counters live (@platform/api,
 * Postgres tables shared by every process) and handed to createAuthConfig; this package asks
 * before checking a password and reports the outcome after.
 */
export interface SignInLimiter {
  check(attempt: SignInAttempt): Promise<SignInDecision>;
  /** The password was checked: a failure counts towards delays, a success clears its address's. */
  record(attempt: SignInAttempt, succeeded: boolean): Promise<void>;
}

/**
 * What Auth.js reports for a refused attempt: the dashboard receives `code=rate_limited` and says
 * so, instead of "wrong password" (which would send a user to try again at once).
 */
export class SignInRateLimited extends CredentialsSignin {
  override code = 'rate_limited';
}
