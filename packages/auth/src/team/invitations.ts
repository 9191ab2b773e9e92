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

/** The invited user's own fields: a password for the form, a profile for OAuth. */
interface Joiner {
  passwordHash?: string;
  name?: string | null;
  image?: string | null;
  emailVerified?: Date | null;
}

/**
 * Claims the invitation behind `token` and creates its user in the inviting tenant with the
 * invited role, in the caller's system transaction. `email`, when given (OAuth), must be the
 * invited one: the provider vouches for the address, the token for the invitation.
 */
async function joinByInvitation(tx: Tx, token: string, joiner: Joiner, email?: string) {
  // Claiming the invitation first makes a second, concurrent accept find nothing.
  const [invitation] = await tx
    .update(invitations)
    .set({ acceptedAt: new Date() })
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .returning();
  if (!invitation)
    throw new AppError('NOT_FOUND', 'This invitation is invalid, expired or already used.');
  if (email !== undefined && normalizeEmail(email) !== invitation.email) {
    throw new AppError(
      'FORBIDDEN',
      `This invitation is for ${invitation.email}; sign in with an account using that address.`,
    );
  }
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
      passwordHash: joiner.passwordHash ?? null,
      role: invitation.role,
      name: joiner.name ?? null,
      image: joiner.image ?? null,
      emailVerified: joiner.emailVerified ?? null,
    })
    .returning();
  return user!;
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
  const user = await db.asSystem('invitation', (tx) =>
    joinByInvitation(tx, input.token, { passwordHash, name: input.name ?? null }),
  );
  return { userId: user.id, tenantId: user.tenantId, email: user.email, role: user.role };
}

/**
 * The OAuth way in: a first sign-in with Google or Microsoft while accepting an invitation joins
 * the inviting tenant (instead of creating a workspace), if the provider's email is the invited
 * one. Returns the new users row.
 */
export function acceptInvitationWithOAuth(
  db: Database,
  token: string,
  profile: {
    email: string;
    name?: string | null;
    image?: string | null;
    emailVerified?: Date | null;
  },
) {
  return db.asSystem('invitation', (tx) => joinByInvitation(tx, token, profile, profile.email));
}
