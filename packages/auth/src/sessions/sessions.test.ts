import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithOwner } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import {
  createAuthSession,
  hashSessionToken,
  resolveAuthSession,
  revokeAuthSession,
} from './sessions';
import { runTag } from '@platform/db/testing';

/** Fixed e-mails get this run's own domain: the database may be shared (TEST_DATABASE_URL). */
const RUN = runTag();

let t: TestDatabase;
let userId: string;
let tenantId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const { owner, tenant } = await createTenantWithOwner(t.db, {
    tenantName: 'S',
    email: `s@${RUN}.s.test`,
  });
  userId = owner.id;
  tenantId = tenant.id;
});
afterAll(() => t.close());

describe('auth sessions', () => {
  it('resolves a fresh session to its user, tenant and role from the database', async () => {
    const { sessionToken, expires } = await createAuthSession(t.db, userId, 3600);
    expect(sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expires.getTime()).toBeGreaterThan(Date.now());
    expect(await resolveAuthSession(t.db, sessionToken)).toMatchObject({
      userId,
      tenantId,
      role: 'owner',
    });
  });

  it('does not resolve unknown, malformed, revoked or expired tokens', async () => {
    expect(await resolveAuthSession(t.db, 'x'.repeat(43))).toBeNull();
    expect(await resolveAuthSession(t.db, "'; drop table users; --")).toBeNull();
    const revoked = await createAuthSession(t.db, userId, 3600);
    await revokeAuthSession(t.db, revoked.sessionToken);
    expect(await resolveAuthSession(t.db, revoked.sessionToken)).toBeNull();

    const expired = await createAuthSession(t.db, userId, 3600);
    await t.raw(
      "update auth_sessions set expires = now() - interval '1 second' where session_token = $1",
      [hashSessionToken(expired.sessionToken)],
    );
    expect(await resolveAuthSession(t.db, expired.sessionToken)).toBeNull();
    // Expired rows are cleaned up when met.
    expect(
      await t.raw('select 1 from auth_sessions where session_token = $1', [
        hashSessionToken(expired.sessionToken),
      ]),
    ).toEqual([]);
  });

  it('reflects a role change on the next resolve (no stale claim)', async () => {
    const { sessionToken } = await createAuthSession(t.db, userId, 3600);
    await t.raw("update users set role = 'admin' where id = $1", [userId]);
    expect((await resolveAuthSession(t.db, sessionToken))?.role).toBe('admin');
    await t.raw("update users set role = 'owner' where id = $1", [userId]);
  });
});
