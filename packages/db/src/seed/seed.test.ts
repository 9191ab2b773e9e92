import { afterAll, beforeAll, expect, test } from 'vitest';
import { verifyPassword } from '../accounts';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { DEMO_PASSWORD, seedDemo } from './index';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const counts = () =>
  t.raw(`select (select count(*) from tenants)::int as tenants, (select count(*) from users)::int as users,
                (select count(*) from widgets)::int as widgets, (select count(*) from ai_personalities)::int as personalities,
                (select count(*) from knowledge_documents)::int as documents`);

test('the demo seed creates a usable tenant and running it again changes nothing', async () => {
  const first = await seedDemo(t.db);
  expect(first.createdTenant).toBe(true);
  const after = await counts();
  expect(after[0]).toMatchObject({ tenants: 1, users: 1, widgets: 1, personalities: 1 });
  expect(Number(after[0]!.documents)).toBeGreaterThanOrEqual(3);

  const [owner] = await t.raw(`select password_hash, role from users where email = $1`, [
    first.email,
  ]);
  expect(owner?.role).toBe('owner');
  expect(await verifyPassword(DEMO_PASSWORD, String(owner?.password_hash))).toBe(true);

  const second = await seedDemo(t.db);
  expect(second).toMatchObject({ tenantId: first.tenantId, createdTenant: false });
  expect(await counts()).toEqual(after);
});
