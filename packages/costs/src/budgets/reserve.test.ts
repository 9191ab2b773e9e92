import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectPostgres } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { AppError } from '@platform/errors';
import { recordCostEvent } from '../events/record';
import { priceUsage } from '../pricing/price';
import { makeTenant } from '../test/fixtures';
import { flushAlertDeliveries } from './notify';
import { BUDGET_EXCEEDED_MESSAGE, reserveBudget } from './reserve';

// Mid-month, so the month-to-date window is unambiguous whatever day the suite runs.
const NOW = new Date('2026-11-18T15:00:00Z');
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await flushAlertDeliveries();
  await t.close();
});

/** Spends exactly `micro` micro-dollars (gpt-4o output is 10 micro-dollars a token). */
async function spendMicro(tenantId: string, micro: number) {
  await t.db.withTenant(tenantId, (tx) =>
    recordCostEvent(tx, {
      tenantId,
      service: 'llm',
      provider: 'openai',
      model: 'gpt-4o',
      units: { outputTokens: micro / 10 },
      at: new Date(NOW.getTime() - 60_000),
    }),
  );
}

const openReservations = async (tenantId: string) =>
  Number(
    (
      await t.raw('select count(*)::int as n from budget_reservations where tenant_id = $1', [
        tenantId,
      ])
    )[0]!.n,
  );
const monthSpendMicro = async (tenantId: string) =>
  BigInt(
    String(
      (
        await t.raw(
          `select (coalesce(sum(cost_usd), 0) * 1000000)::bigint::text as m from cost_events where tenant_id = $1`,
          [tenantId],
        )
      )[0]!.m,
    ),
  );
/** Resolves to the BUDGET_EXCEEDED error; fails the test if the reservation was granted. */
async function refused(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => new Error('expected BUDGET_EXCEEDED, the reservation was granted'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('BUDGET_EXCEEDED');
  return error as AppError;
}

describe('reserveBudget', () => {
  test('without a cap it reserves nothing and never refuses', async () => {
    const { tenantId } = await makeTenant(t.db, {});
    const r = await reserveBudget(t.db, tenantId, 10_000_000_000n, { now: NOW });
    expect(await openReservations(tenantId)).toBe(0);
    await r.release();
  });

  test('refuses the call that would pass the cap, politely, and alerts the admin once', async () => {
    const { tenantId } = await makeTenant(t.db, { maxMonthlySpend: 1 });
    await spendMicro(tenantId, 990_000);
    const error = await refused(reserveBudget(t.db, tenantId, 20_000, { now: NOW }));
    expect(error.message).toBe(BUDGET_EXCEEDED_MESSAGE);
    expect(error.message).not.toMatch(/\$|\d/); // visitors see no amounts
    await refused(reserveBudget(t.db, tenantId, 20_000, { now: NOW }));
    const alerts = await t.raw(
      `select period, severity, threshold from budget_alerts where tenant_id = $1 and severity = 'critical'`,
      [tenantId],
    );
    expect(alerts).toEqual([{ period: 'monthly', severity: 'critical', threshold: '1.00' }]);
    // What still fits is allowed: 0.99 + 0.01 = the cap exactly.
    const r = await reserveBudget(t.db, tenantId, 10_000, { now: NOW });
    expect(await openReservations(tenantId)).toBe(1);
    // ...and holds the rest: nothing more fits while it is open.
    await refused(reserveBudget(t.db, tenantId, 1, { now: NOW }));
    await r.release();
    expect(await openReservations(tenantId)).toBe(0);
    await r.release(); // idempotent
  });

  test('settling in the recording transaction turns the reservation into spend', async () => {
    const { tenantId } = await makeTenant(t.db, { maxMonthlySpend: 1 });
    const r = await reserveBudget(t.db, tenantId, 500_000, { now: NOW });
    const settled = await t.db.withTenant(tenantId, async (tx) => {
      const cost = await recordCostEvent(tx, {
        tenantId,
        service: 'llm',
        provider: 'openai',
        model: 'gpt-4o',
        units: { outputTokens: 30_000 },
        at: NOW,
      });
      return r.settle(tx, cost.microUsd);
    });
    expect(settled).toEqual({
      reservedMicroUsd: 500_000n,
      actualMicroUsd: 300_000n,
      overrunMicroUsd: 0n,
    });
    expect(await openReservations(tenantId)).toBe(0);
    // 0.3 spent: 0.7 fits, 0.7 + 1 micro does not.
    await refused(reserveBudget(t.db, tenantId, 700_001, { now: NOW }));
    await (await reserveBudget(t.db, tenantId, 700_000, { now: NOW })).release();
  });

  test('a reservation never settled expires (crash safety)', async () => {
    const { tenantId } = await makeTenant(t.db, { maxMonthlySpend: 1 });
    await reserveBudget(t.db, tenantId, 1_000_000, { now: NOW, ttlSeconds: 60 }); // the process "crashes"
    await refused(reserveBudget(t.db, tenantId, 1, { now: new Date(NOW.getTime() + 59_000) }));
    const later = new Date(NOW.getTime() + 61_000);
    await (
      await reserveBudget(t.db, tenantId, 1_000_000, { now: later, ttlSeconds: 60 })
    ).release();
    expect(await openReservations(tenantId)).toBe(0); // the expired row was cleaned up
  });

  test('hard cap under load: 50 concurrent turns just below the cap', async () => {
    const cap = 1_000_000n; // $1.00
    const { tenantId, sessionId } = await makeTenant(t.db, { maxMonthlySpend: 1 });
    await spendMicro(tenantId, 960_000); // $0.04 left
    // A turn: gpt-4o-mini, estimated at its maximum (4000 in + 1000 out = 1200 micro-dollars);
    // actual usage varies from a third of that to 25% above it (estimates can be wrong).
    const maxTurn = priceUsage({
      provider: 'openai',
      model: 'gpt-4o-mini',
      usage: { inputTokens: 4000, outputTokens: 1000 },
      at: NOW,
    }).microUsd;
    expect(maxTurn).toBe(1_200n);
    const grantedAt: bigint[] = [];
    let refusals = 0;
    const turn = async (i: number) => {
      let reservation;
      try {
        reservation = await reserveBudget(t.db, tenantId, maxTurn, { now: NOW });
      } catch (error) {
        if (error instanceof AppError && error.code === 'BUDGET_EXCEEDED') return void refusals++;
        throw error;
      }
      grantedAt.push(await monthSpendMicro(tenantId));
      await new Promise((resolve) => setTimeout(resolve, (i * 7) % 23)); // the model call, outside any transaction
      const scale = 0.33 + ((i * 37) % 100) / 108; // 0.33 .. 1.25
      await t.db.withTenant(tenantId, async (tx) => {
        const cost = await recordCostEvent(tx, {
          tenantId,
          sessionId,
          service: 'llm',
          provider: 'openai',
          model: 'gpt-4o-mini',
          units: { inputTokens: Math.round(4000 * scale), outputTokens: Math.round(1000 * scale) },
          at: NOW,
        });
        await reservation.settle(tx, cost.microUsd);
      });
    };
    await Promise.all(Array.from({ length: 50 }, (_, i) => turn(i)));

    const final = await monthSpendMicro(tenantId);
    // No call started once spend had reached the cap...
    expect(grantedAt.every((spentAtStart) => spentAtStart < cap)).toBe(true);
    // ...and the overshoot is at most one turn's cost.
    expect(final - cap <= maxTurn).toBe(true);
    expect(grantedAt.length).toBeGreaterThan(20);
    expect(refusals).toBeGreaterThan(0);
    expect(grantedAt.length + refusals).toBe(50);
    expect(await openReservations(tenantId)).toBe(0);
    const session = await t.raw('select cost_usd from sessions where id = $1', [sessionId]);
    const sessionMicro = BigInt(Math.round(Number(session[0]!.cost_usd) * 10_000)) * 100n;
    expect(sessionMicro - (final - 960_000n)).toBeLessThanOrEqual(50n); // 4-decimal column of the same events
    // Turns that ran cheaper than estimated left room: the next turn is allowed exactly if it fits.
    const next = reserveBudget(t.db, tenantId, maxTurn, { now: NOW });
    if (final + maxTurn > cap) await refused(next);
    else await (await next).release();
    console.info(
      `hard cap: ${grantedAt.length} turns ran, ${refusals} refused, final spend ${final} of ${cap} micro-dollars (overshoot ${final - cap}, one turn <= ${maxTurn})`,
    );
  });

  test('hard cap with a 16-connection pool and 200 turns (true parallelism on a real Postgres)', async () => {
    const pool = connectPostgres(t.url, { max: 16 });
    try {
      const cap = 2_000_000n;
      const { tenantId } = await makeTenant(t.db, { maxMonthlySpend: 2 });
      await spendMicro(tenantId, 1_900_000); // $0.10 left: room for ~83 turns of 1200
      const estimate = 1_200n;
      let ran = 0;
      await Promise.all(
        Array.from({ length: 200 }, async () => {
          const reservation = await reserveBudget(pool, tenantId, estimate, { now: NOW }).catch(
            (e: unknown) => {
              if (e instanceof AppError && e.code === 'BUDGET_EXCEEDED') return null;
              throw e;
            },
          );
          if (!reservation) return;
          ran++;
          await pool.withTenant(tenantId, async (tx) => {
            const cost = await recordCostEvent(tx, {
              tenantId,
              service: 'llm',
              provider: 'openai',
              model: 'gpt-4o-mini',
              units: { inputTokens: 4000, outputTokens: 1000 }, // exactly the estimate
              at: NOW,
            });
            await reservation.settle(tx, cost.microUsd);
          });
        }),
      );
      const final = await monthSpendMicro(tenantId);
      console.info(
        `pooled hard cap: ${ran} of 200 turns ran, final spend ${final} of ${cap} (overshoot ${final - cap})`,
      );
      // Exactly the turns that fit ran (100,000 / 1,200 = 83): none past the cap, none refused early.
      expect(ran).toBe(83);
      expect(final).toBe(1_900_000n + 83n * estimate);
    } finally {
      await pool.close();
    }
  });
});
