import { eq } from 'drizzle-orm';
import { users } from '@platform/db';
import type { Tx, UserRole } from '@platform/db';
import { notFound } from '@platform/errors';
import { revokeUserSessions } from '../sessions/sessions';
import { assertCanAssignRole, assertCanChangeMember, lastOwnerError } from './rules';
import type { Actor } from './rules';

export interface Member {
  id: string;
  email: string;
  name: string | null;
  image: string | null;
  role: UserRole;
  createdAt: Date;
}

export const memberColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  image: users.image,
  role: users.role,
  createdAt: users.createdAt,
};

/**
 * Locks the tenant's owners, then the target, in that order. Two owners demoting or removing each
 * other at once serialize on these locks, so the second sees one owner left and is refused.
 */
async function lockOwnersAndTarget(tx: Tx, userId: string) {
  const owners = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.role, 'owner'))
    .orderBy(users.id)
    .for('update');
  const [target] = await tx
    .select(memberColumns)
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  if (!target) throw notFound('Member');
  return { target, ownerCount: owners.length };
}

/** Changes a member's role (runs in the tenant's transaction; RLS hides other tenants' users). */
export async function changeMemberRole(
  tx: Tx,
  actor: Actor,
  input: { userId: string; role: UserRole },
): Promise<Member> {
  const { target, ownerCount } = await lockOwnersAndTarget(tx, input.userId);
  assertCanChangeMember(actor, target);
  assertCanAssignRole(actor, input.role);
  if (target.role === input.role) return target;
  if (target.role === 'owner' && ownerCount <= 1) throw lastOwnerError('demote');
  const [updated] = await tx
    .update(users)
    .set({ role: input.role })
    .where(eq(users.id, target.id))
    .returning(memberColumns);
  return updated!;
}

/** Removes a member and ends their sessions at once (their next request is unauthenticated). */
export async function removeMember(
  tx: Tx,
  actor: Actor,
  input: { userId: string },
): Promise<{ removed: Member; sessionsEnded: number }> {
  const { target, ownerCount } = await lockOwnersAndTarget(tx, input.userId);
  assertCanChangeMember(actor, target);
  if (target.role === 'owner' && ownerCount <= 1) throw lastOwnerError('remove');
  const sessionsEnded = await revokeUserSessions(tx, target.id);
  // accounts cascade; meetings.created_by and invitations.invited_by become NULL.
  await tx.delete(users).where(eq(users.id, target.id));
  return { removed: target, sessionsEnded };
}
