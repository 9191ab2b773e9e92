import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithOwner, hashPassword } from '@platform/db';
import type { Tx, UserRole } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { authenticateWithPassword } from '../credentials/credentials';
import { createAuthSession, resolveAuthSession } from '../sessions/sessions';
import { acceptInvitation, createInvitation, revokeInvitation } from './invitations';
import { changeMemberRole, removeMember } from './members';
import { runTag } from '@platform/db/testing';

/** Fixed e-mails get this run's own domain: the database may be shared (TEST_DATABASE_URL). */
const RUN = runTag();

let t: TestDatabase;
let tenantId: string;
let otherTenantId: string;
let ownerId: string;

async function addUser(tenant: string, email: string, role: UserRole) {
  const [row] = await t.raw(
    'insert into users (tenant_id, email, role, password_hash) values ($1, $2, $3, $4) returning id',
    [tenant, email, role, await hashPassword('pw-123456')],
  );
  return row!.id as string;
}
const roleOf = async (id: string) =>
  (await t.raw('select role from users where id = $1', [id]))[0]?.role;
const asTenant = <T>(work: (tx: Tx) => Promise<T>) => t.db.withTenant(tenantId, work);

beforeAll(async () => {
  t = await createTestDatabase();
  const a = await createTenantWithOwner(t.db, {
    tenantName: 'A',
    email: `owner@${RUN}.a.test`,
    password: 'pw-123456',
  });
  const b = await createTenantWithOwner(t.db, {
    tenantName: 'B',
    email: `owner@${RUN}.b.test`,
    password: 'pw-123456',
  });
  tenantId = a.tenant.id;
  otherTenantId = b.tenant.id;
  ownerId = a.owner.id;
});
afterAll(() => t.close());

describe('roles', () => {
  it('the last owner can be neither demoted nor removed', async () => {
    const owner = { userId: ownerId, role: 'owner' as const };
    await expect(
      asTenant((tx) => changeMemberRole(tx, owner, { userId: ownerId, role: 'admin' })),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      asTenant((tx) => removeMember(tx, owner, { userId: ownerId })),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await roleOf(ownerId)).toBe('owner');
  });

  it('with a second owner, an owner can step down', async () => {
    const second = await addUser(tenantId, `second-owner@${RUN}.a.test`, 'owner');
    await asTenant((tx) =>
      changeMemberRole(tx, { userId: second, role: 'owner' }, { userId: second, role: 'admin' }),
    );
    expect(await roleOf(second)).toBe('admin');
    // ...and now the first is the last owner again
    await expect(
      asTenant((tx) =>
        changeMemberRole(
          tx,
          { userId: ownerId, role: 'owner' },
          { userId: ownerId, role: 'member' },
        ),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('two owners removing each other at once leave one owner', async () => {
    const other = await addUser(tenantId, `race-owner@${RUN}.a.test`, 'owner');
    const results = await Promise.allSettled([
      asTenant((tx) => removeMember(tx, { userId: ownerId, role: 'owner' }, { userId: other })),
      asTenant((tx) => removeMember(tx, { userId: other, role: 'owner' }, { userId: ownerId })),
    ]);
    const owners = await t.raw("select id from users where tenant_id = $1 and role = 'owner'", [
      tenantId,
    ]);
    expect(owners.length).toBeGreaterThanOrEqual(1);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    // Put the fixture back if the original owner was the one removed.
    if (!owners.some((o) => o.id === ownerId)) ownerId = owners[0]!.id as string;
  });

  it('admins manage members and admins but not owners, and cannot grant owner', async () => {
    const admin = {
      userId: await addUser(tenantId, `admin@${RUN}.a.test`, 'admin'),
      role: 'admin' as const,
    };
    const member = await addUser(tenantId, `member@${RUN}.a.test`, 'member');
    await asTenant((tx) => changeMemberRole(tx, admin, { userId: member, role: 'admin' }));
    expect(await roleOf(member)).toBe('admin');
    await expect(
      asTenant((tx) => changeMemberRole(tx, admin, { userId: member, role: 'owner' })),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      asTenant((tx) => changeMemberRole(tx, admin, { userId: ownerId, role: 'member' })),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      asTenant((tx) => removeMember(tx, admin, { userId: ownerId })),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const plain = { userId: member, role: 'member' as const };
    await expect(
      asTenant((tx) => removeMember(tx, plain, { userId: admin.userId })),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await roleOf(ownerId)).toBe('owner');
  });

  it("another tenant's user is NOT_FOUND", async () => {
    const foreign = await addUser(otherTenantId, `someone@${RUN}.b.test`, 'member');
    const owner = { userId: ownerId, role: 'owner' as const };
    await expect(
      asTenant((tx) => changeMemberRole(tx, owner, { userId: foreign, role: 'admin' })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      asTenant((tx) => removeMember(tx, owner, { userId: foreign })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await roleOf(foreign)).toBe('member');
  });

  it('removing a member ends their sessions at once', async () => {
    const member = await addUser(tenantId, `leaving@${RUN}.a.test`, 'member');
    const { sessionToken } = await createAuthSession(t.db, member, 3600);
    expect(await resolveAuthSession(t.db, sessionToken)).not.toBeNull();
    const { sessionsEnded } = await asTenant((tx) =>
      removeMember(tx, { userId: ownerId, role: 'owner' }, { userId: member }),
    );
    expect(sessionsEnded).toBe(1);
    expect(await resolveAuthSession(t.db, sessionToken)).toBeNull();
    expect(await t.raw('select 1 from users where id = $1', [member])).toEqual([]);
  });
});

describe('invitations', () => {
  const owner = () => ({ userId: ownerId, role: 'owner' as const });

  it('invite -> accept creates the user in the inviting tenant with the invited role', async () => {
    const { invitation, token } = await asTenant((tx) =>
      createInvitation(tx, owner(), {
        tenantId,
        email: `New.Person@${RUN}.Example.test`,
        role: 'admin',
      }),
    );
    expect(invitation.email).toBe(`new.person@${RUN}.example.test`);
    const [stored] = await t.raw('select token_hash from invitations where id = $1', [
      invitation.id,
    ]);
    expect(stored!.token_hash).not.toBe(token);

    const accepted = await acceptInvitation(t.db, {
      token,
      password: 'a-good-password',
      name: 'New',
    });
    expect(accepted).toMatchObject({
      tenantId,
      role: 'admin',
      email: `new.person@${RUN}.example.test`,
    });
    expect(
      await authenticateWithPassword(t.db, {
        email: `new.person@${RUN}.example.test`,
        password: 'a-good-password',
      }),
    ).toMatchObject({ id: accepted.userId });

    // The link works once.
    await expect(
      acceptInvitation(t.db, { token, password: 'another-password' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an expired or revoked invitation is refused, and nothing is created', async () => {
    const { invitation, token } = await asTenant((tx) =>
      createInvitation(tx, owner(), {
        tenantId,
        email: `late@${RUN}.example.test`,
        role: 'member',
      }),
    );
    await t.raw("update invitations set expires_at = now() - interval '1 minute' where id = $1", [
      invitation.id,
    ]);
    await expect(
      acceptInvitation(t.db, { token, password: 'a-good-password' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const second = await asTenant((tx) =>
      createInvitation(tx, owner(), {
        tenantId,
        email: `revoked@${RUN}.example.test`,
        role: 'member',
      }),
    );
    await asTenant((tx) => revokeInvitation(tx, second.invitation.id));
    await expect(
      acceptInvitation(t.db, { token: second.token, password: 'a-good-password' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await t.raw('select 1 from users where email in ($1, $2)', [
        `late@${RUN}.example.test`,
        `revoked@${RUN}.example.test`,
      ]),
    ).toEqual([]);
  });

  it('refuses an email that already has an account, here or in another tenant', async () => {
    await expect(
      asTenant((tx) =>
        createInvitation(tx, owner(), { tenantId, email: `owner@${RUN}.a.test`, role: 'member' }),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const { token } = await asTenant((tx) =>
      createInvitation(tx, owner(), { tenantId, email: `owner@${RUN}.b.test`, role: 'member' }),
    );
    await expect(
      acceptInvitation(t.db, { token, password: 'a-good-password' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(
      (await t.raw('select tenant_id from users where email = $1', [`owner@${RUN}.b.test`]))[0]!
        .tenant_id,
    ).toBe(otherTenantId);
  });

  it('only an owner may invite an owner', async () => {
    const admin = {
      userId: await addUser(tenantId, `inviting-admin@${RUN}.a.test`, 'admin'),
      role: 'admin' as const,
    };
    await expect(
      asTenant((tx) =>
        createInvitation(tx, admin, { tenantId, email: `x@${RUN}.example.test`, role: 'owner' }),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      asTenant((tx) =>
        createInvitation(
          tx,
          { userId: admin.userId, role: 'member' },
          { tenantId, email: `x@${RUN}.example.test`, role: 'member' },
        ),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
