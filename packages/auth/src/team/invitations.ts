import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { hashPassword, invitations, normalizeEmail, users } from '@platform/db';
import type { Database, Tx, UserRole } from '@platform/db';
import { AppError, conflict, notFound } from '@platform/errors';
import type { AcceptInviteInput } from '../schemas';
import { assertCanAssignRole } from './rules';
import type { Actor } from './rules';

/** An invitation link stays valid this long. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface PendingInvitation {
  id: string;
  email: string;
  role: UserRole;
  expiresAt: Date;
  createdAt: Date;
  invitedBy: string | null;
}

export const invitationColumns = {
  id: invitations.id,
  email: invitations.email,
  role: invitations.role,
  expiresAt: invitations.expiresAt,
  createdAt: invitations.createdAt,
  invitedBy: invitations.invitedBy,
};

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Invites an email to the current tenant. Returns the token once (only its hash is stored); the
 * caller turns it into the link shown to the admin. A newer invitation replaces a pending one.
 */
export async function createInvitation(
  tx: Tx,
  actor: Actor,
  input: { tenantId: string; email: string; role: UserRole },
): Promise<{ invitation: PendingInvitation; token: string }> {
  assertCanAssignRole(actor, input.role);
  const email = normalizeEmail(input.email);
  // Only this tenant's users are visible here: whether the email has an account elsewhere is
  // another tenant's business, and is checked when the invitation is accepted.
  const [member] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (member) throw conflict('This person is already a member.');
  await tx
    .delete(invitations)
    .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt)));
  const token = randomBytes(32).toString('base64url');
  const [invitation] = await tx
    .insert(invitations)
    .values({
      tenantId: input.tenantId,
      email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    })
    .returning(invitationColumns);
  return { invitation: invitation!, token };
}

export async function revokeInvitation(tx: Tx, id: string): Promise<PendingInvitation> {
  const [removed] = await tx
    .delete(invitations)
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt)))
    .returning(invitationColumns);
  if (!removed) throw notFound('Invitation');
  return removed;
}

/**
 * Creates the invited user in the inviting tenant, with the invited role. The tenant is unknown
 * until the token is looked up, hence the system path. The user then signs in normally.
 */
export async function acceptInvitation(
  db: Database,
  input: AcceptInviteInput,
): Promise<{ userId: string; tenantId: string; email: string; role: UserRole }> {
  const passwordHash = await hashPassword(input.password); // CPU-bound: before the transaction
  return db.asSystem('invitation', async (tx) => {
    // Claiming the invitation first makes a second, concurrent accept find nothing.
    const [invitation] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(
        and(
          eq(invitations.tokenHash, hashToken(input.token)),
          isNull(invitations.acceptedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!invitation)
      throw new AppError('NOT_FOUND', 'This invitation is invalid, expired or already used.');
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, invitation.email));
    if (existing) {
      throw new AppError(
        'CONFLICT',
        'An account with this email already exists; it cannot join a second tenant.',
      );
    }
    const [user] = await tx
      .insert(users)
      .values({
        tenantId: invitation.tenantId,
        email: invitation.email,
        passwordHash,
        role: invitation.role,
        name: input.name ?? null,
      })
      .returning({ id: users.id, tenantId: users.tenantId, email: users.email, role: users.role });
    return { userId: user!.id, tenantId: user!.tenantId, email: user!.email, role: user!.role };
  });
}
