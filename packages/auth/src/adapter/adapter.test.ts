import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { createTenantWithOwner } from '@platform/db';
import { createInvitation } from '../team/invitations';
import { createAdapter } from './adapter';
import { runTag } from '@platform/db/testing';

/** Fixed e-mails get this run's own domain: the database may be shared (TEST_DATABASE_URL). */
const RUN = runTag();

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe('OAuth adapter', () => {
  it('a first OAuth sign-in creates the user as owner of a new tenant, and links the account', async () => {
    const adapter = createAdapter(t.db);
    const user = await adapter.createUser!({
      id: 'ignored',
      email: `Ada@${RUN}.Example.test`,
      name: 'Ada',
      image: 'https://img.test/a.png',
      emailVerified: new Date('2026-01-01T00:00:00Z'),
    });
    expect(user).toMatchObject({
      email: `ada@${RUN}.example.test`,
      name: 'Ada',
      image: 'https://img.test/a.png',
    });
    const [row] = await t.raw(
      'select u.role, t.name from users u join tenants t on t.id = u.tenant_id where u.id = $1',
      [user.id],
    );
    expect(row).toEqual({ role: 'owner', name: "Ada's workspace" });

    await adapter.linkAccount!({
      userId: user.id,
      type: 'oidc',
      provider: 'google',
      providerAccountId: `g-123-${RUN}`,
      access_token: 'at',
      ext_expires_in: 3600, // providers add fields the table does not have
    } as never);
    expect(
      await adapter.getUserByAccount!({ provider: 'google', providerAccountId: `g-123-${RUN}` }),
    ).toMatchObject({ id: user.id });
    expect(await adapter.getUserByEmail!(`ADA@${RUN}.example.test`)).toMatchObject({ id: user.id });
    expect(await adapter.getUser!('not-a-uuid')).toBeNull();
  });

  it('updateUser changes profile fields only, never the email', async () => {
    const adapter = createAdapter(t.db);
    const user = await adapter.createUser!({
      id: 'x',
      email: `bo@${RUN}.example.test`,
      name: null,
      emailVerified: null,
    });
    await adapter.updateUser!({ id: user.id, email: `attacker@${RUN}.example.test`, name: 'Bo' });
    expect(await t.raw('select email, name from users where id = $1', [user.id])).toEqual([
      { email: `bo@${RUN}.example.test`, name: 'Bo' },
    ]);
  });

  describe('a first OAuth sign-in while accepting an invitation', () => {
    async function invite(email: string, role: 'admin' | 'member' = 'member') {
      const { tenant, owner } = await createTenantWithOwner(t.db, {
        tenantName: `Inviting ${email}`,
        email: `owner-${email}`,
      });
      const { token } = await t.db.withTenant(tenant.id, (tx) =>
        createInvitation(
          tx,
          { userId: owner.id, role: 'owner' },
          { tenantId: tenant.id, email, role },
        ),
      );
      return { tenantId: tenant.id, token };
    }
    const tenantsNamed = (name: string) => t.raw('select id from tenants where name = $1', [name]);

    it('joins the inviting tenant with the invited role, and takes the token once', async () => {
      const { tenantId, token } = await invite(`cy@${RUN}.example.test`, 'admin');
      let taken = 0;
      const adapter = createAdapter(t.db, {
        takeInvitationToken: async () => (taken++ === 0 ? token : undefined),
      });
      const user = await adapter.createUser!({
        id: 'x',
        email: `Cy@${RUN}.Example.test`,
        name: 'Cy',
        image: null,
        emailVerified: null,
      });
      expect(
        await t.raw('select tenant_id, role, name, password_hash from users where id = $1', [
          user.id,
        ]),
      ).toEqual([{ tenant_id: tenantId, role: 'admin', name: 'Cy', password_hash: null }]);
      expect(await tenantsNamed("Cy's workspace")).toEqual([]);
      expect(
        (
          await t.raw('select accepted_at from invitations where email = $1', [
            `cy@${RUN}.example.test`,
          ])
        )[0]?.accepted_at,
      ).not.toBeNull();
    });

    it('refuses an account whose email is not the invited one, creating nothing', async () => {
      const { token } = await invite(`dee@${RUN}.example.test`);
      const adapter = createAdapter(t.db, { takeInvitationToken: async () => token });
      await expect(
        adapter.createUser!({
          id: 'x',
          email: `mallory@${RUN}.example.test`,
          name: 'M',
          emailVerified: null,
        }),
      ).rejects.toThrow(new RegExp(`invitation is for dee@${RUN}.example.test`));
      expect(
        await t.raw('select 1 from users where email = $1', [`mallory@${RUN}.example.test`]),
      ).toEqual([]);
      expect(await tenantsNamed("M's workspace")).toEqual([]);
      // The claim rolled back with the refusal: the invitee can still use the link.
      expect(
        (
          await t.raw('select accepted_at from invitations where email = $1', [
            `dee@${RUN}.example.test`,
          ])
        )[0]?.accepted_at,
      ).toBeNull();
    });

    it('an expired or used token is refused rather than silently opening a new workspace', async () => {
      const adapter = createAdapter(t.db, { takeInvitationToken: async () => 'no-such-token' });
      await expect(
        adapter.createUser!({
          id: 'x',
          email: `eve@${RUN}.example.test`,
          name: 'Eve',
          emailVerified: null,
        }),
      ).rejects.toThrow(/invalid, expired or already used/);
      expect(
        await t.raw('select 1 from users where email = $1', [`eve@${RUN}.example.test`]),
      ).toEqual([]);
    });
  });
});
