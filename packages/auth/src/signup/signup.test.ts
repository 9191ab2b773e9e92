import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { signUp } from './signup';
import { runTag } from '@platform/db/testing';

/** Fixed e-mails get this run's own domain: the database may be shared (TEST_DATABASE_URL). */
const RUN = runTag();

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe('sign-up', () => {
  it('creates a tenant and its owner together; the API key is returned once and stored hashed', async () => {
    const result = await signUp(t.db, {
      email: `Founder@${RUN}.New.test`,
      password: 'long enough',
      tenantName: 'New Co',
      name: 'Fo',
    });
    const [user] = await t.raw(
      'select tenant_id, role, email, password_hash from users where id = $1',
      [result.userId],
    );
    expect(user).toMatchObject({
      tenant_id: result.tenantId,
      role: 'owner',
      email: `founder@${RUN}.new.test`,
    });
    expect(user!.password_hash).toMatch(/^scrypt\$/);
    const [tenant] = await t.raw('select name, api_key from tenants where id = $1', [
      result.tenantId,
    ]);
    expect(tenant).toEqual({ name: 'New Co', api_key: hashApiKey(result.apiKey) });
  });

  it('a taken email is a CONFLICT and creates no second tenant', async () => {
    // Looked up by this run's name, not counted over the table: other files sign up meanwhile.
    const tenantName = `Dup ${RUN}`;
    await expect(
      signUp(t.db, {
        email: `founder@${RUN}.new.test`,
        password: 'long enough',
        tenantName,
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await t.raw('select id from tenants where name = $1', [tenantName])).toEqual([]);
  });
});
