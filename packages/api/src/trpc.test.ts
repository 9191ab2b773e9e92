import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { revokeAuthSession } from '@platform/auth';
import { invitations, tenants, widgets } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { AppError, appErrorCodes } from '@platform/errors';
import type { AppErrorCode } from '@platform/errors';
import { GENERIC_INTERNAL_MESSAGE, toTRPCError } from './lib/errors';
import { seedTenant } from './testing/fixtures';
import type { SeededTenant } from './testing/fixtures';
import {
  adminProcedure,
  createCallerFactory,
  createContext,
  publicProcedure,
  router,
  tenantProcedure,
} from './trpc';
import { runTag } from '@platform/db/testing';

/** Fixed e-mails get this run's own domain: the database may be shared (TEST_DATABASE_URL). */
const RUN = runTag();

let t: TestDatabase;
let S: SeededTenant;
beforeAll(async () => {
  t = await createTestDatabase();
  S = await seedTenant(t, 'Ladder');
});
afterAll(() => t.close());

/** A test router on the real ladder: the behaviours every procedure inherits. */
const logged: unknown[] = [];
const testRouter = router({
  throwApp: publicProcedure.input(z.object({ code: z.enum(appErrorCodes) })).query(({ input }) => {
    throw new AppError(input.code, `app ${input.code}`, { retryAfterSeconds: 7 });
  }),
  throwUnknown: publicProcedure.input(z.object({})).query(() => {
    throw new Error('secret internals: password=hunter2');
  }),
  writeThenFail: tenantProcedure.input(z.object({})).mutation(async ({ ctx }) => {
    ctx.afterCommit(() => logged.push('after-commit ran'));
    await ctx.tx.update(tenants).set({ name: 'Changed' });
    throw new AppError('CONFLICT', 'nope');
  }),
  writeThenCommit: tenantProcedure.input(z.object({})).mutation(async ({ ctx }) => {
    ctx.afterCommit(() => logged.push('after-commit ran'));
    await ctx.tx.update(widgets).set({ name: 'Committed' });
    return ctx.tenantId;
  }),
  duplicateKey: adminProcedure.input(z.object({})).mutation(async ({ ctx }) => {
    // invitations.token_hash is unique: reuse the seeded invitation's.
    const [row] = await ctx.tx.select().from(invitations);
    await ctx.tx
      .insert(invitations)
      .values({ ...row!, id: undefined, email: `other@${RUN}.x.test` });
  }),
});
const createTestCaller = createCallerFactory(testRouter);
const callerAs = (session: { userId: string; sessionToken: string } | null) =>
  createTestCaller(
    createContext({
      db: t.db,
      session,
      logError: (message, details) => logged.push({ message, details }),
    }),
  );

const TRPC_CODE: Record<AppErrorCode, string> = {
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  BAD_INPUT: 'BAD_REQUEST',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  BUDGET_EXCEEDED: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

describe('error mapping', () => {
  it.each(appErrorCodes)('AppError %s becomes its tRPC code with its message', async (code) => {
    const error = await callerAs(null)
      .throwApp({ code })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: TRPC_CODE[code], message: `app ${code}` });
  });

  it('anything else is a 500 with a generic message; the cause is logged, never echoed', async () => {
    logged.length = 0;
    const error = (await callerAs(null)
      .throwUnknown({})
      .catch((e: unknown) => e)) as TRPCError;
    expect(error).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: GENERIC_INTERNAL_MESSAGE,
    });
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify(logged)).toContain('throwUnknown');
    expect(String((logged[0] as { details: { error: Error } }).details.error.message)).toContain(
      'hunter2',
    );
  });

  it('Postgres errors by SQLSTATE: unique -> CONFLICT, FK -> NOT_FOUND, bad text -> BAD_REQUEST; never 500', () => {
    const wrap = (code: string) =>
      new TRPCError({
        code: 'INTERNAL_SERVER_ERROR',
        cause: Object.assign(new Error('query failed'), { cause: { code } }),
      });
    const log = () => {};
    expect(toTRPCError(wrap('23505'), log, 'x').code).toBe('CONFLICT');
    expect(toTRPCError(wrap('23503'), log, 'x').code).toBe('NOT_FOUND');
    expect(toTRPCError(wrap('22P02'), log, 'x').code).toBe('BAD_REQUEST');
    expect(toTRPCError(wrap('42501'), log, 'x').code).toBe('NOT_FOUND');
  });

  it('a real unique violation through the ladder is a CONFLICT and writes nothing', async () => {
    // The tenant's own invitations: other files may invite meanwhile.
    const invitationsOf = () =>
      t.raw('select count(*)::int as n from invitations where tenant_id = $1', [S.tenantId]);
    const before = await invitationsOf();
    const error = await callerAs({ userId: S.users.owner, sessionToken: S.sessionTokens.owner })
      .duplicateKey({})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    expect(await invitationsOf()).toEqual(before);
  });
});

describe('the tenant transaction', () => {
  it('an error rolls back every write of the procedure, and after-commit work does not run', async () => {
    logged.length = 0;
    const caller = callerAs({ userId: S.users.owner, sessionToken: S.sessionTokens.owner });
    await expect(caller.writeThenFail({})).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await t.raw('select name from tenants where id = $1', [S.tenantId]))[0]!.name).toBe(
      'Ladder',
    );
    expect(logged).toEqual([]);
  });

  it('a success commits, then runs after-commit work; RLS limited the write to the tenant', async () => {
    logged.length = 0;
    const other = await seedTenant(t, 'Other');
    const caller = callerAs({ userId: S.users.owner, sessionToken: S.sessionTokens.owner });
    expect(await caller.writeThenCommit({})).toBe(S.tenantId);
    expect(logged).toEqual(['after-commit ran']);
    expect((await t.raw('select name from widgets where id = $1', [S.ids.widgetId]))[0]!.name).toBe(
      'Committed',
    );
    expect(
      (await t.raw('select name from widgets where id = $1', [other.ids.widgetId]))[0]!.name,
    ).toBe('Other widget');
  });
});

describe('sessions', () => {
  it('no session, a wrong user for the token, or a revoked token: UNAUTHORIZED', async () => {
    await expect(callerAs(null).writeThenCommit({})).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(
      callerAs({ userId: S.users.admin, sessionToken: S.sessionTokens.owner }).writeThenCommit({}),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await revokeAuthSession(t.db, S.sessionTokens.member);
    await expect(S.callers.member.account.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('the role is read per request: a demoted admin loses admin procedures at once', async () => {
    await t.raw("update users set role = 'member' where id = $1", [S.users.admin]);
    await expect(S.callers.admin.tenant.update({ name: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await t.raw("update users set role = 'admin' where id = $1", [S.users.admin]);
    expect((await S.callers.admin.tenant.update({ name: 'Ladder' })).name).toBe('Ladder');
  });
});
