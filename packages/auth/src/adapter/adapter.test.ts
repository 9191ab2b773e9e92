import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { createAdapter } from './adapter';

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
      email: 'Ada@Example.test',
      name: 'Ada',
      image: 'https://img.test/a.png',
      emailVerified: new Date('2026-01-01T00:00:00Z'),
    });
    expect(user).toMatchObject({
      email: 'ada@example.test',
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
      providerAccountId: 'g-123',
      access_token: 'at',
      ext_expires_in: 3600, // providers add fields the table does not have
    } as never);
    expect(
      await adapter.getUserByAccount!({ provider: 'google', providerAccountId: 'g-123' }),
    ).toMatchObject({ id: user.id });
    expect(await adapter.getUserByEmail!('ADA@example.test')).toMatchObject({ id: user.id });
    expect(await adapter.getUser!('not-a-uuid')).toBeNull();
  });

  it('updateUser changes profile fields only, never the email', async () => {
    const adapter = createAdapter(t.db);
    const user = await adapter.createUser!({
      id: 'x',
      email: 'bo@example.test',
      name: null,
      emailVerified: null,
    });
    await adapter.updateUser!({ id: user.id, email: 'attacker@example.test', name: 'Bo' });
    expect(await t.raw('select email, name from users where id = $1', [user.id])).toEqual([
      { email: 'bo@example.test', name: 'Bo' },
    ]);
  });
});
