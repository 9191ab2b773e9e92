import { createSignInLimiter } from '@platform/api';
import { readAuthEnv } from '@platform/auth';
import { createAuth } from '@platform/auth/next';
import { db } from './db';
import { takeInvitationToken } from './invitation-cookie';

/**
 * Auth.js for this app: `handlers` are mounted at /api/auth/[...nextauth]; `auth()` returns the
 * signed-in user in server components (null once the session row is gone). Settings are read on
 * first use (packages/auth/src/env.ts).
 */
export const { handlers, auth, signIn, signOut } = createAuth(db, {
  pages: { signIn: '/sign-in' },
  signInLimiter: createSignInLimiter(db),
  takeInvitationToken,
});

let secret: string | undefined;
/** The cookie secret, for reading the session outside Auth.js (the tRPC route). */
export const authSecret = (): string => (secret ??= readAuthEnv().secret);
