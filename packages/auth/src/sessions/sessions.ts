import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lte } from 'drizzle-orm';
import { authSessions, users } from '@platform/db';
import type { Database, Tx, UserRole } from '@platform/db';

/**
 * Sign-ins are rows in `auth_sessions`, for every provider. The cookie (an encrypted Auth.js JWT)
 * carries only the random session token; every request checks it against this table, so
 * deleting the row (sign-out, member removal, tenant deletion) ends the session on its next request.
 *
 * The row stores the token's SHA-256, not the token: a leaked table cannot be replayed as cookies.
 */
export interface ResolvedSession {
  userId: string;
  tenantId: string;
  role: UserRole;
  expires: Date;
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createAuthSession(
  db: Database,
  userId: string,
  maxAgeSeconds: number,
): Promise<{ sessionToken: string; expires: Date }> {
  const sessionToken = randomBytes(32).toString('base64url');
  const expires = new Date(Date.now() + maxAgeSeconds * 1000);
  await db.asSystem('sign-in', async (tx) => {
    // The row carries its user's tenant (schema/auth.ts). Read first: Citus refuses a sub-select
    // inside VALUES for a reference table.
    const [user] = await tx
      .select({ tenantId: users.tenantId })
      .from(users)
      .where(eq(users.id, userId));
    if (!user) throw new Error('createAuthSession: unknown user.');
    await tx.insert(authSessions).values({
      sessionToken: hashSessionToken(sessionToken),
      userId,
      tenantId: user.tenantId,
      expires,
    });
  });
  return { sessionToken, expires };
}

/** The signed-in user behind a token, or null when it is unknown, revoked or expired. */
export async function resolveAuthSession(
  db: Database,
  sessionToken: string,
): Promise<ResolvedSession | null> {
  // Tokens are 43 base64url characters; anything else cannot match and is not worth a query.
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(sessionToken)) return null;
  const tokenHash = hashSessionToken(sessionToken);
  return db.asSystem('sign-in', async (tx) => {
    const [row] = await tx
      .select({
        userId: users.id,
        tenantId: users.tenantId,
        role: users.role,
        expires: authSessions.expires,
      })
      .from(authSessions)
      .innerJoin(users, eq(users.id, authSessions.userId))
      .where(eq(authSessions.sessionToken, tokenHash));
    if (!row) return null;
    if (row.expires.getTime() <= Date.now()) {
      await tx
        .delete(authSessions)
        .where(
          and(eq(authSessions.sessionToken, tokenHash), lte(authSessions.expires, new Date())),
        );
      return null;
    }
    return row;
  });
}

export async function revokeAuthSession(db: Database, sessionToken: string): Promise<void> {
  await db.asSystem('sign-in', (tx) =>
    tx.delete(authSessions).where(eq(authSessions.sessionToken, hashSessionToken(sessionToken))),
  );
}

/** Ends every session of a user of the current tenant (runs inside the caller's tenant transaction). */
export async function revokeUserSessions(tx: Tx, userId: string): Promise<number> {
  const removed = await tx
    .delete(authSessions)
    .where(eq(authSessions.userId, userId))
    .returning({ id: authSessions.id });
  return removed.length;
}
