import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithOwner } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { authenticateWithPassword } from './credentials';
import { runTag } from '@platform/db/testing';

/** Fixed e-mails get this run's own domain: the database may be shared (TEST_DATABASE_URL). */
const RUN = runTag();

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await createTenantWithOwner(t.db, {
    tenantName: 'C',
    email: `pw@${RUN}.c.test`,
    password: 'open sesame',
  });
  await createTenantWithOwner(t.db, { tenantName: 'O', email: `oauth@${RUN}.c.test` }); // no password
});
afterAll(() => t.close());

describe('email and password', () => {
  it('accepts the right password, case-insensitively on the email', async () => {
    expect(
      await authenticateWithPassword(t.db, {
        email: ` PW@${RUN.toUpperCase()}.C.test `,
        password: 'open sesame',
      }),
    ).toMatchObject({ email: `pw@${RUN}.c.test` });
  });

  it('refuses wrong passwords, unknown emails, OAuth-only users and malformed input', async () => {
    expect(
      await authenticateWithPassword(t.db, { email: `pw@${RUN}.c.test`, password: 'open sesame!' }),
    ).toBeNull();
    expect(
      await authenticateWithPassword(t.db, {
        email: `nobody@${RUN}.c.test`,
        password: 'open sesame',
      }),
    ).toBeNull();
    expect(
      await authenticateWithPassword(t.db, { email: `oauth@${RUN}.c.test`, password: '' }),
    ).toBeNull();
    expect(
      await authenticateWithPassword(t.db, { email: `oauth@${RUN}.c.test`, password: 'anything' }),
    ).toBeNull();
    expect(
      await authenticateWithPassword(t.db, {
        email: [`pw@${RUN}.c.test`],
        password: 'open sesame',
      }),
    ).toBeNull();
    expect(await authenticateWithPassword(t.db, undefined)).toBeNull();
  });
});
