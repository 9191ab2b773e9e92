import { getToken } from '@auth/core/jwt';

/** What the API needs from a request: who, and which sign-in (checked against auth_sessions). */
export interface RequestSession {
  userId: string;
  sessionToken: string;
}

const COOKIE_NAMES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;

/**
 * Reads the Auth.js session cookie (an encrypted JWT) and returns the user id and session token
 * in it, without trusting them: the API checks the token against auth_sessions on every call.
 * Framework-free (a Headers object), so the API's context does not depend on Next.
 */
export async function readRequestSession(
  headers: Headers,
  secret: string,
): Promise<RequestSession | null> {
  for (const cookieName of COOKIE_NAMES) {
    const token = await getToken({
      req: { headers },
      secret,
      cookieName,
      secureCookie: cookieName.startsWith('__Secure-'),
      logger: { error: () => {}, warn: () => {}, debug: () => {} },
    });
    if (token && typeof token.sub === 'string' && typeof token.sid === 'string') {
      return { userId: token.sub, sessionToken: token.sid };
    }
  }
  return null;
}
