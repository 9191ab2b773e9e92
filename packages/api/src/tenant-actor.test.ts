import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NestedTransactionError, tenants } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { seedTenant } from './testing/fixtures';
import type { SeededTenant } from './testing/fixtures';
import {
  createCallerFactory,
  createContext,
  router,
  tenantActorProcedure,
  tenantProcedure,
} from './trpc';

/** `tenantActorProcedure`: the member check of `tenantProcedure`, with no transaction held by the body. */
let t: TestDatabase;
let S: SeededTenant;
beforeAll(async () => {
  t = await createTestDatabase();
  S = await seedTenant(t, 'Actor Ladder');
});
afterAll(() => t.close());

const logged: Array<{ error?: unknown }> = [];
const testRouter = router({
  // What domain packages do: open their own tenant transaction.
  ownTransaction: tenantActorProcedure.input(z.object({})).query(async ({ ctx }) => {
    const name = await ctx.db.withTenant(ctx.actor.tenantId, async (tx) => {
      const [row] = await tx.select({ name: tenants.name }).from(tenants);
      return row!.name;
    });
    return { actor: ctx.actor, name };
  }),
  nestedInTenantProcedure: tenantProcedure
    .input(z.object({}))
    .query(({ ctx }) => ctx.db.withTenant(ctx.tenantId, () => Promise.resolve('unreachable'))),
});
const callerAs = (session: { userId: string; sessionToken: string } | null) =>
  createCallerFactory(testRouter)(
    createContext({ db: t.db, session, logError: (_message, details) => logged.push(details) }),
  );
const as = (role: 'owner' | 'admin' | 'member') =>
  callerAs({ userId: S.users[role], sessionToken: S.sessionTokens[role] });

describe('tenantActorProcedure', () => {
  it('resolves the member from the database and lets the body open its own transaction', async () => {
    await expect(as('admin').ownTransaction({})).resolves.toEqual({
      actor: { tenantId: S.tenantId, userId: S.users.admin, role: 'admin', displayName: 'admin' },
      name: 'Actor Ladder',
    });
    // The same body inside tenantProcedure's transaction is refused (NestedTransactionError).
    await expect(as('admin').nestedInTenantProcedure({})).rejects.toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
    });
    expect(logged.at(-1)?.error).toBeInstanceOf(NestedTransactionError);
  });

  it("shows the user's name, else their email's local part", async () => {
    await t.raw("update users set name = 'Mia Member' where id = $1", [S.users.member]);
    expect((await as('member').ownTransaction({})).actor.displayName).toBe('Mia Member');
    await t.raw('update users set name = null where id = $1', [S.users.member]);
    // member@actor-ladder.test
    expect((await as('member').ownTransaction({})).actor.displayName).toBe('member');
    await t.raw("update users set name = 'member' where id = $1", [S.users.member]);
  });

  it('is UNAUTHORIZED signed out, with a forged session, or after sign-out', async () => {
    await expect(callerAs(null).ownTransaction({})).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(
      callerAs({ userId: S.users.owner, sessionToken: 'forged' }).ownTransaction({}),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // A session token presented for another user does not resolve either.
    await expect(
      callerAs({ userId: S.users.member, sessionToken: S.sessionTokens.owner }).ownTransaction({}),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('reads the role fresh on every call', async () => {
    await t.raw("update users set role = 'member' where id = $1", [S.users.admin]);
    const { actor } = await as('admin').ownTransaction({});
    expect(actor.role).toBe('member');
    await t.raw("update users set role = 'admin' where id = $1", [S.users.admin]);
  });
});
