import type { Adapter, AdapterUser } from '@auth/core/adapters';
import { DrizzleAdapter } from '@auth/drizzle-adapter';
import { eq } from 'drizzle-orm';
import {
  accounts,
  createTenantWithOwner,
  normalizeEmail,
  users,
  verificationTokens,
} from '@platform/db';
import type { Database, Tx } from '@platform/db';
import { acceptInvitationWithOAuth } from '../team/invitations';

const tables = {
  usersTable: users,
  accountsTable: accounts,
  verificationTokensTable: verificationTokens,
};

// Cast: the adapter resolves its own copy of drizzle-orm (same version, other peer set); drizzle
// recognises its classes across copies by entity kind, so only the static types differ.
const onTx = (tx: Tx) => DrizzleAdapter(tx as never, tables as never) as Required<Adapter>;

/** A default workspace name for a user who arrives through OAuth without an invitation. */
export function workspaceName(user: { name?: string | null; email: string }): string {
  const who = user.name?.trim() || user.email.split('@')[0] || 'My';
  return `${who.slice(0, 80)}'s workspace`;
}

/**
 * @auth/drizzle-adapter over our tables, used by the OAuth providers (sessions are ours, see
 * sessions.ts). Every call is one `asSystem('sign-in')` transaction: before sign-in no tenant is known.
 *
 * - createUser: users.tenant_id is NOT NULL and a user belongs to exactly one tenant, so a first
 *   OAuth sign-in creates a tenant with the user as owner (one transaction, as sign-up does),
 *   unless the browser is accepting an invitation: then it joins the inviting tenant.
 * - updateUser may change only profile fields, never email, role or tenant.
 * - deleteUser is not offered: removing a user goes through the team rules (last owner, sessions).
 */
export interface AdapterOptions {
  /**
   * The invitation this browser is accepting, if any, taken (read and cleared) from wherever the
   * app keeps it: apps/web sets a short-lived cookie when an invitee picks an OAuth button.
   */
  takeInvitationToken?: () => Promise<string | undefined>;
}

export function createAdapter(db: Database, options: AdapterOptions = {}): Adapter {
  const system = <T>(work: (adapter: Required<Adapter>) => Promise<T>) =>
    db.asSystem('sign-in', (tx) => work(onTx(tx)));

  return {
    async createUser(user) {
      const token = await options.takeInvitationToken?.();
      if (token) return toAdapterUser(await acceptInvitationWithOAuth(db, token, user));
      const { owner } = await createTenantWithOwner(db, {
        tenantName: workspaceName(user),
        email: user.email,
        ownerName: user.name ?? undefined,
      });
      const [created] = await db.asSystem('sign-in', (tx) =>
        tx
          .update(users)
          .set({ image: user.image ?? null, emailVerified: user.emailVerified ?? null })
          .where(eq(users.id, owner.id))
          .returning(),
      );
      return toAdapterUser(created!);
    },
    getUser: (id) => system(async (a) => (isUuid(id) ? a.getUser(id) : null)),
    getUserByEmail: (email) => system(async (a) => a.getUserByEmail(normalizeEmail(email))),
    getUserByAccount: (account) => system(async (a) => a.getUserByAccount(account)),
    updateUser: (user) =>
      system(async (a) =>
        a.updateUser({
          id: user.id,
          name: user.name,
          image: user.image,
          emailVerified: user.emailVerified,
        }),
      ),
    // Our own insert: the row carries its user's tenant (schema/auth.ts), which the library's does not set.
    linkAccount: async (account) => {
      await db.asSystem('sign-in', async (tx) => {
        // Read first: Citus refuses a sub-select inside VALUES for a reference table.
        const [user] = await tx
          .select({ tenantId: users.tenantId })
          .from(users)
          .where(eq(users.id, account.userId));
        if (!user) throw new Error('linkAccount: unknown user.');
        await tx.insert(accounts).values({
          userId: account.userId,
          tenantId: user.tenantId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          refresh_token: account.refresh_token ?? null,
          access_token: account.access_token ?? null,
          expires_at: account.expires_at ?? null,
          token_type: account.token_type ?? null,
          scope: account.scope ?? null,
          id_token: account.id_token ?? null,
          session_state: typeof account.session_state === 'string' ? account.session_state : null,
        });
      });
    },
    unlinkAccount: (account) =>
      system(async (a) => {
        await a.unlinkAccount(account);
      }),
    createVerificationToken: (token) => system(async (a) => a.createVerificationToken(token)),
    useVerificationToken: (params) => system(async (a) => a.useVerificationToken(params)),
  };
}

function toAdapterUser(row: typeof users.$inferSelect): AdapterUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    image: row.image,
    emailVerified: row.emailVerified,
  };
}

const isUuid = (id: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
