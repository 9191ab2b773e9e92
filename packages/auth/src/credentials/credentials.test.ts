import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithOwner } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { authenticateWithPassword } from './credentials';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await createTenantWithOwner(t.db, {
    tenantName: 'C',
    email: 'pw@c.test',
    password: 'open sesame',
  });
  await createTenantWithOwner(t.db, { tenantName: 'O', email: 'oauth@c.test' }); // no password
});
afterAll(() => t.close());

describe('email and password', () => {
  it('accepts the right password, case-insensitively on the email', async () => {
    expect(
      await authenticateWithPassword(t.db, { email: ' PW@C.test ', password: 'open sesame' }),
    ).toMatchObject({ email: 'pw@c.test' });
  });

  it('refuses wrong passwords, unknown emails, OAuth-only users and malformed input', async () => {
    expect(
      await authenticateWithPassword(t.db, { email: 'pw@c.test', password: 'open sesame!' }),
    ).toBeNull();
    expect(
      await authenticateWithPassword(t.db, { email: 'nobody@c.test', password: 'open sesame' }),
    ).toBeNull();
    expect(
      await authenticateWithPassword(t.db, { email: 'oauth@c.test', password: '' }),
    ).toBeNull();
    expect(
      await authenticateWithPassword(t.db, { email: 'oauth@c.test', password: 'anything' }),
    ).toBeNull();
    expect(
      await authenticateWithPassword(t.db, { email: ['pw@c.test'], password: 'open sesame' }),
    ).toBeNull();
    expect(await authenticateWithPassword(t.db, undefined)).toBeNull();
  });
});
