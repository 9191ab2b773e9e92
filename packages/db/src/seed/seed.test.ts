import { afterAll, beforeAll, expect, test } from 'vitest';
import { verifyPassword } from '../accounts';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from './index';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

/** The demo tenant's rows. On a shared database (TEST_DATABASE_URL) other files add tenants. */
const counts = (tenantId: string) =>
  t.raw(
    `select (select count(*) from users where tenant_id = $1)::int as users,
            (select count(*) from widgets where tenant_id = $1)::int as widgets,
            (select count(*) from ai_personalities where tenant_id = $1)::int as personalities,
            (select count(*) from knowledge_documents where tenant_id = $1)::int as documents`,
    [tenantId],
  );

test('the demo seed creates a usable tenant and running it again changes nothing', async () => {
  // A database that already ran the suite (or the API's seeded tests) has the demo tenant.
  const existed = (await t.raw(`select 1 from users where email = $1`, [DEMO_EMAIL])).length > 0;
  const first = await seedDemo(t.db);
  expect(first.createdTenant).toBe(!existed);
  const after = await counts(first.tenantId);
  expect(after[0]).toMatchObject({ users: 1, widgets: 1, personalities: 1 });
  expect(Number(after[0]!.documents)).toBeGreaterThanOrEqual(3);

  const [owner] = await t.raw(`select password_hash, role from users where email = $1`, [
    first.email,
  ]);
  expect(owner?.role).toBe('owner');
  expect(await verifyPassword(DEMO_PASSWORD, String(owner?.password_hash))).toBe(true);

  const second = await seedDemo(t.db);
  expect(second).toMatchObject({ tenantId: first.tenantId, createdTenant: false });
  expect(await counts(first.tenantId)).toEqual(after);
});
