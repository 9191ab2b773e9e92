import type { UserRole } from '@platform/db';
import { AppError } from '@platform/errors';

/** Who is acting: always read from the database for this request, never from the client. */
export interface Actor {
  userId: string;
  role: UserRole;
}

/**
 * The team's rules in one place:
 * - admins and owners manage the team; members manage nothing;
 * - only an owner may grant the owner role, or change or remove an owner;
 * - the last owner can be neither demoted nor removed (checked by the callers, under a lock).
 */
export function assertCanManageTeam(actor: Actor): void {
  if (actor.role !== 'admin' && actor.role !== 'owner') {
    throw new AppError('FORBIDDEN', 'Only admins and owners manage the team.');
  }
}

export function assertCanAssignRole(actor: Actor, role: UserRole): void {
  assertCanManageTeam(actor);
  if (role === 'owner' && actor.role !== 'owner') {
    throw new AppError('FORBIDDEN', 'Only an owner can make someone an owner.');
  }
}

export function assertCanChangeMember(actor: Actor, target: { role: UserRole }): void {
  assertCanManageTeam(actor);
  if (target.role === 'owner' && actor.role !== 'owner') {
    throw new AppError('FORBIDDEN', 'Only an owner can change or remove an owner.');
  }
}

export function lastOwnerError(action: 'demote' | 'remove'): AppError {
  return new AppError(
    'CONFLICT',
    action === 'demote'
      ? 'The last owner cannot be demoted. Make someone else an owner first.'
      : 'The last owner cannot be removed. Make someone else an owner first, or delete the tenant.',
  );
}
