import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { exportCostEventsCsv } from '../events/csv';
import { recordCostEvent } from '../events/record';
import { makeTenant } from '../test/fixtures';
import { reserveBudget } from './reserve';
import { getBudgetStatus } from './status';

const NOW = new Date('2026-11-18T15:00:00Z'); // a Wednesday
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

test('budget status: spend per period against budgets, cap and money in flight', async () => {
  const { tenantId } = await makeTenant(t.db, {
    budgets: { daily: 2, monthly: 40, warningAt: 0.9 },
    maxMonthlySpend: 50,
  });
  await t.db.withTenant(tenantId, async (tx) => {
    for (const [at, tokens] of [
      ['2026-11-02T10:00:00Z', 100_000],
      ['2026-11-17T10:00:00Z', 20_000],
      ['2026-11-18T09:00:00Z', 5_000],
    ] as const) {
      await recordCostEvent(tx, {
        tenantId,
        service: 'llm',
        provider: 'openai',
        model: 'gpt-4o',
        units: { outputTokens: tokens },
        at: new Date(at),
      });
    }
  });
  const r = await reserveBudget(t.db, tenantId, 250_000, { now: NOW });
  const status = await t.db.withTenant(tenantId, (tx) => getBudgetStatus(tx, { now: NOW }));
  expect(status).toEqual({
    periods: [
      {
        period: 'daily',
        periodStart: new Date('2026-11-18T00:00:00Z'),
        periodEnd: new Date('2026-11-19T00:00:00Z'),
        spentUsd: '0.050000',
        budgetUsd: '2.000000',
      },
      {
        period: 'weekly',
        periodStart: new Date('2026-11-16T00:00:00Z'),
        periodEnd: new Date('2026-11-23T00:00:00Z'),
        spentUsd: '0.250000',
        budgetUsd: null,
      },
      {
        period: 'monthly',
        periodStart: new Date('2026-11-01T00:00:00Z'),
        periodEnd: new Date('2026-12-01T00:00:00Z'),
        spentUsd: '1.250000',
        budgetUsd: '40.000000',
      },
    ],
    capUsd: '50.000000',
    reservedUsd: '0.250000',
    warningAt: 0.9,
    webhookUrl: null,
  });
  await r.release();
});

test('CSV export: every filtered event, quoted, formula-safe', async () => {
  const { tenantId, sessionId } = await makeTenant(t.db);
  await t.db.withTenant(tenantId, async (tx) => {
    for (let i = 0; i < 450; i++) {
      await recordCostEvent(tx, {
        tenantId,
        sessionId,
        service: 'embedding',
        provider: 'voyage',
        model: 'voyage-3',
        units: { embeddingTokens: 1000 },
        at: new Date(NOW.getTime() - i * 1000),
      });
    }
    await recordCostEvent(tx, {
      tenantId,
      service: 'llm',
      provider: 'extractive',
      model: '=HYPERLINK("x")',
      units: { inputTokens: 5 },
      at: NOW,
    });
  });
  const csv = await t.db.withTenant(tenantId, (tx) =>
    exportCostEventsCsv(tx, { service: 'embedding' }),
  );
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('timestamp,service,provider,model,tokens,cost_usd,session_id,event_id');
  expect(lines).toHaveLength(451);
  expect(lines[1]).toMatch(
    new RegExp(
      `^2026-11-18T15:00:00.000Z,embedding,voyage,voyage-3,1000,0.000060,${sessionId},[0-9a-f-]{36}$`,
    ),
  );
  const llm = await t.db.withTenant(tenantId, (tx) => exportCostEventsCsv(tx, { service: 'llm' }));
  expect(llm).toContain(`,extractive,"'=HYPERLINK(""x"")",5,0.000000,,`);
});
