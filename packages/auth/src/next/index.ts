import NextAuth from 'next-auth';
import type { NextAuthResult } from 'next-auth';
import type { Database } from '@platform/db';
import { createAuthConfig } from '../config';
import type { AuthConfigOptions } from '../config';

/**
 * Auth.js for Next: `{ handlers, auth, signIn, signOut }`. apps/web creates it once (src/server)
 * and mounts `handlers` at /api/auth/[...nextauth].
 */
export function createAuth(db: Database, options: AuthConfigOptions = {}): NextAuthResult {
  // Lazy: settings are read on the first request, not at import, so `next build` needs no secrets.
  let config: ReturnType<typeof createAuthConfig> | undefined;
  return NextAuth(() => (config ??= createAuthConfig(db, options)));
}

export type { NextAuthResult };
