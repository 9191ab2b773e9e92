import './augment';
import type { AuthConfig } from '@auth/core';
import type { Provider } from '@auth/core/providers';
import Credentials from '@auth/core/providers/credentials';
import Google from '@auth/core/providers/google';
import MicrosoftEntraID from '@auth/core/providers/microsoft-entra-id';
import type { Database } from '@platform/db';
import { createAdapter, type AdapterOptions } from './adapter/adapter';
import { authenticateWithPassword } from './credentials/credentials';
import { SignInRateLimited, type SignInLimiter } from './credentials/limit';
import { readAuthEnv } from './env';
import type { AuthEnv } from './env';
import { createAuthSession, resolveAuthSession, revokeAuthSession } from './sessions/sessions';

export const AUTH_BASE_PATH = '/api/auth';

export interface AuthConfigOptions {
  env?: AuthEnv;
  /** Limits password attempts per client address and email (off when absent). */
  signInLimiter?: SignInLimiter;
  /** See AdapterOptions: how a first OAuth sign-in finds the invitation it is accepting. */
  takeInvitationToken?: AdapterOptions['takeInvitationToken'];
  /** Custom pages (the dashboard's sign-in page, ...). */
  pages?: AuthConfig['pages'];
}

/** Which sign-in methods are on: the dashboard shows a button for each. */
export function enabledProviders(
  env: AuthEnv = readAuthEnv(),
): Array<'credentials' | 'google' | 'microsoft-entra-id'> {
  return [
    'credentials' as const,
    ...(env.google ? (['google'] as const) : []),
    ...(env.microsoftEntraId ? (['microsoft-entra-id'] as const) : []),
  ];
}

/**
 * The Auth.js configuration, framework-free (@auth/core); `createAuth` in ./next wraps it for Next.
 *
 * Sessions: Auth.js' database strategy refuses the Credentials provider, so every provider uses the
 * JWT strategy, and the JWT carries only the user id and a random session token (`sid`) whose row
 * lives in auth_sessions. The jwt callback, which Auth.js runs on every session read, drops the
 * session when its row is gone; signing out deletes the row. Revocation therefore works for
 * password and OAuth users alike.
 */
export function createAuthConfig(db: Database, options: AuthConfigOptions = {}): AuthConfig {
  const env = options.env ?? readAuthEnv();
  const providers: Provider[] = [
    Credentials({
      id: 'credentials',
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      authorize: async (credentials, request) => {
        const limiter = options.signInLimiter;
        const attempt = {
          email: typeof credentials.email === 'string' ? credentials.email : '',
          request,
        };
        const decision = await limiter?.check(attempt);
        if (decision && !decision.allowed && decision.answer === 'rate_limited')
          throw new SignInRateLimited();
        const user = await authenticateWithPassword(db, credentials);
        // A locked email: the same answer, after the same work, as a wrong password.
        if (decision && !decision.allowed) return null;
        await limiter?.record(attempt, user !== null);
        return user;
      },
    }),
  ];
  if (env.google)
    providers.push(
      Google({ clientId: env.google.clientId, clientSecret: env.google.clientSecret }),
    );
  if (env.microsoftEntraId) {
    providers.push(
      MicrosoftEntraID({
        clientId: env.microsoftEntraId.clientId,
        clientSecret: env.microsoftEntraId.clientSecret,
        ...(env.microsoftEntraId.issuer ? { issuer: env.microsoftEntraId.issuer } : {}),
      }),
    );
  }

  return {
    basePath: AUTH_BASE_PATH,
    secret: env.secret,
    ...(env.trustHost !== undefined
      ? { trustHost: env.trustHost }
      : { trustHost: env.nodeEnv !== 'production' }),
    adapter: createAdapter(db, { takeInvitationToken: options.takeInvitationToken }),
    providers,
    pages: options.pages,
    session: { strategy: 'jwt', maxAge: env.sessionMaxAgeSeconds },
    logger: {
      // A wrong password is an expected outcome, not a server error worth a stack trace.
      error(error) {
        if (error.name !== 'CredentialsSignin') console.error(error);
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user?.id) {
          // A sign-in (any provider): open a revocable session row.
          const { sessionToken } = await createAuthSession(db, user.id, env.sessionMaxAgeSeconds);
          return {
            sub: user.id,
            sid: sessionToken,
            name: user.name,
            email: user.email,
            picture: user.image,
          };
        }
        if (typeof token.sid !== 'string' || typeof token.sub !== 'string') return null;
        const session = await resolveAuthSession(db, token.sid);
        // null clears the cookie: the session was revoked, expired, or its user removed.
        return session && session.userId === token.sub ? token : null;
      },
      session({ session, token }) {
        // The session token stays in the HttpOnly cookie; clients get only the user.
        if (typeof token.sub === 'string') session.user.id = token.sub;
        return session;
      },
    },
    events: {
      async signOut(message) {
        const sid = 'token' in message ? message.token?.sid : undefined;
        if (typeof sid === 'string') await revokeAuthSession(db, sid);
      },
    },
  };
}
