import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthSession } from '@platform/auth';
import { hashApiKey } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { callerFor } from '../testing/fixtures';
import { attempt } from '../testing/procedures';
import { runTag } from '@platform/db/testing';

/** Fixed e-mails get this run's own domain: the database may be shared (TEST_DATABASE_URL). */
const RUN = runTag();

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe('account', () => {
  it('signUp creates a tenant and its owner; me reads them back from the database', async () => {
    const anonymous = callerFor(t, null);
    const result = await anonymous.account.signUp({
      email: `Ada@${RUN}.Example.test`,
      password: 'long enough',
      tenantName: 'Analytical',
      name: 'Ada',
    });
    expect(result).toMatchObject({ email: `ada@${RUN}.example.test` });
    expect(
      (await t.raw('select api_key from tenants where id = $1', [result.tenantId]))[0]!.api_key,
    ).toBe(hashApiKey(result.apiKey));

    const { sessionToken } = await createAuthSession(t.db, result.userId, 3600);
    const me = await callerFor(t, { userId: result.userId, sessionToken }).account.me();
    expect(me).toEqual({
      id: result.userId,
      email: `ada@${RUN}.example.test`,
      name: 'Ada',
      image: null,
      role: 'owner',
      tenant: { id: result.tenantId, name: 'Analytical', plan: 'starter' },
    });
  });

  it('a taken email is a CONFLICT on the email field, and no tenant is created', async () => {
    // Looked up by this run's name, not counted over the table: other files sign up meanwhile.
    const tenantName = `Again ${RUN}`;
    const outcome = await attempt(callerFor(t, null), 'account.signUp', {
      email: `ada@${RUN}.example.test`,
      password: 'long enough',
      tenantName,
    });
    expect(outcome).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(outcome.shape?.data.zodError?.fieldErrors).toHaveProperty('email');
    expect(await t.raw('select id from tenants where name = $1', [tenantName])).toEqual([]);
  });

  it('the client cannot choose its tenant: an extra tenantId is refused', async () => {
    const outcome = await attempt(callerFor(t, null), 'account.signUp', {
      email: `x@${RUN}.example.test`,
      password: 'long enough',
      tenantName: 'X',
      tenantId: '00000000-0000-0000-0000-000000000001',
    });
    expect(outcome).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
  });

  it('providers lists the sign-in methods that are configured', async () => {
    expect(await callerFor(t, null).account.providers()).toEqual(['credentials']);
  });
});
