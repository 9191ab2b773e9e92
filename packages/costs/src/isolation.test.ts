import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import type { AppError } from '@platform/errors';
import { listBudgetAlerts, resolveBudgetAlert } from './budgets/alerts';
import { checkBudgets } from './budgets/check';
import { reserveBudget } from './budgets/reserve';
import { listCostEvents } from './events/list';
import { recordCostEvent } from './events/record';
import { rollupCostSummaries } from './summaries/rollup';
import { getCostSummary } from './summaries/summary';
import { makeTenant } from './test/fixtures';

/**
 * Tenant B, through every costs function, never sees or changes tenant A's events, summaries,
 * alerts or reservations, and A's spend never counts against B's budget.
 */
const NOW = new Date('2026-11-18T15:00:00Z');
let t: TestDatabase;
let a: Awaited<ReturnType<typeof makeTenant>>;
let b: Awaited<ReturnType<typeof makeTenant>>;
let alertId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  a = await makeTenant(t.db, { budgets: { daily: 1 }, maxMonthlySpend: 5 });
  b = await makeTenant(t.db, { budgets: { daily: 1 }, maxMonthlySpend: 5 });
  await t.db.withTenant(a.tenantId, async (tx) => {
    for (const day of ['2026-11-02', '2026-11-09', '2026-11-18']) {
      await recordCostEvent(tx, {
        tenantId: a.tenantId,
        sessionId: a.sessionId,
        service: 'llm',
        provider: 'openai',
        model: 'gpt-4o',
        units: { outputTokens: 95_000 }, // $0.95
        at: new Date(`${day}T10:00:00Z`),
      });
    }
  });
  await rollupCostSummaries(t.db, { now: NOW });
  const { created } = await checkBudgets(t.db, a.tenantId, { now: NOW });
  alertId = created[0]!.id;
  await reserveBudget(t.db, a.tenantId, 1, { now: NOW });
});
afterAll(async () => {
  await t.close();
});

const asB = <T>(work: Parameters<typeof t.db.withTenant<T>>[1]) =>
  t.db.withTenant(b.tenantId, work);

test('A has data in every costs table', async () => {
  for (const table of ['cost_events', 'cost_summaries', 'budget_alerts', 'budget_reservations']) {
    const [row] = await t.raw(`select count(*)::int as n from ${table} where tenant_id = $1`, [
      a.tenantId,
    ]);
    expect(row!.n, table).toBeGreaterThan(0);
  }
});

test("B's reads show none of A's events, summaries or alerts", async () => {
  expect((await asB((tx) => listCostEvents(tx, { limit: 200 }))).items).toEqual([]);
  expect(
    (await asB((tx) => listCostEvents(tx, { limit: 200, sessionId: a.sessionId }))).items,
  ).toEqual([]);
  for (const groupBy of ['day', 'week', 'month'] as const) {
    const rows = await asB((tx) =>
      getCostSummary(tx, {
        startDate: new Date('2026-10-01T00:00:00Z'),
        endDate: new Date('2026-12-01T00:00:00Z'),
        groupBy,
      }),
    );
    expect(rows).toEqual([]);
  }
  expect((await asB((tx) => listBudgetAlerts(tx, { limit: 200 }))).items).toEqual([]);
});

test("resolving A's alert as B is NOT_FOUND and leaves it unchanged", async () => {
  const before = await t.raw('select * from budget_alerts where id = $1', [alertId]);
  const error = await asB((tx) => resolveBudgetAlert(tx, alertId)).catch((e: unknown) => e);
  expect((error as AppError).code).toBe('NOT_FOUND');
  expect(await t.raw('select * from budget_alerts where id = $1', [alertId])).toEqual(before);
});

test("A's spend and reservations do not count against B's budget", async () => {
  // A has spent 2.85 of its $5 cap: $3 more is refused. B has spent nothing: its whole cap fits.
  await expect(reserveBudget(t.db, a.tenantId, 3_000_000, { now: NOW })).rejects.toMatchObject({
    code: 'BUDGET_EXCEEDED',
  });
  const r = await reserveBudget(t.db, b.tenantId, 5_000_000, { now: NOW });
  await r.release();
  expect((await checkBudgets(t.db, b.tenantId, { now: NOW })).created).toEqual([]);
});

test("B cannot release A's reservation", async () => {
  const [row] = await t.raw('select id from budget_reservations where tenant_id = $1 limit 1', [
    a.tenantId,
  ]);
  // What settle and release run, aimed at A's reservation id from B's transaction.
  const deleted = await asB((tx) =>
    tx.execute(sql`delete from budget_reservations where id = ${String(row!.id)} returning id`),
  );
  expect(JSON.stringify(deleted)).not.toContain(String(row!.id));
  const [still] = await t.raw('select count(*)::int as n from budget_reservations where id = $1', [
    row!.id,
  ]);
  expect(still!.n).toBe(1);
});
