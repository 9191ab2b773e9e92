import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { recordCostEvent } from '../events/record';
import { makeTenant } from '../test/fixtures';
import { runCostJobs } from './run';

const NOW = new Date('2026-11-18T15:00:00Z');
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

test('the periodic job rolls up and alerts tenants with budgets, once', async () => {
  const watched = await makeTenant(t.db, { budgets: { weekly: 1 } });
  const unwatched = await makeTenant(t.db, {});
  for (const { tenantId } of [watched, unwatched]) {
    await t.db.withTenant(tenantId, (tx) =>
      recordCostEvent(tx, {
        tenantId,
        service: 'llm',
        provider: 'openai',
        model: 'gpt-4o',
        units: { outputTokens: 100_000 },
        at: new Date('2026-11-17T10:00:00Z'),
      }),
    );
  }
  const first = await runCostJobs(t.db, { now: NOW });
  expect(first.rowsWritten).toBeGreaterThan(0);
  expect(first.alertsCreated).toBe(2); // weekly warning and critical for the watched tenant
  const again = await runCostJobs(t.db, { now: NOW });
  expect(again).toMatchObject({ rowsWritten: 0, alertsCreated: 0 });
  const [row] = await t.raw('select count(*)::int as n from budget_alerts where tenant_id = $1', [
    unwatched.tenantId,
  ]);
  expect(row!.n).toBe(0);
});
