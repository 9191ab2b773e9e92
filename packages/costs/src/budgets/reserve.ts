import { randomUUID } from 'node:crypto';
import { eq, gt, sql } from 'drizzle-orm';
import type { Database, Tx } from '@platform/db';
import { budgetAlerts, budgetReservations } from '@platform/db';
import { AppError } from '@platform/errors';
import { readCostsEnv } from '../env';
import { toMicro } from '../shared/money';
import { advisoryXactLock, query } from '../shared/sql';
import type { BudgetAlert } from './evaluate';
import { alertValues, evaluateBudgets, loadBudgetSettings } from './evaluate';
import { deliverInBackground } from './notify';
import type { AlertNotifier } from './webhook';

export interface SettleResult {
  reservedMicroUsd: bigint;
  actualMicroUsd: bigint;
  /** How much the call cost beyond its estimate (0 when the estimate held). */
  overrunMicroUsd: bigint;
}

export interface Reservation {
  id: string;
  tenantId: string;
  amountMicroUsd: bigint;
  expiresAt: Date;
  /**
   * Ends the reservation in the caller's tenant transaction: the one that records the call's cost
   * event (recordCostEvent), so the reserved amount turns into spend atomically. Idempotent.
   */
  settle(tx: Tx, actualMicroUsd: bigint | number): Promise<SettleResult>;
  /** Frees the money when the call failed or was not made. Own transaction; idempotent. */
  release(): Promise<void>;
}

export interface ReserveOptions {
  now?: Date;
  /** How long the money stays reserved if neither settle nor release runs (a crash). */
  ttlSeconds?: number;
  notifier?: AlertNotifier;
}

export const BUDGET_EXCEEDED_MESSAGE =
  'This assistant has reached its usage limit for now. Please try again later.';

/**
 * Call before every AI call. Under a per-tenant advisory lock, in one short transaction:
 * month-to-date spend + open (unexpired) reservations + this estimate must stay within
 * `maxMonthlySpend`, else AppError('BUDGET_EXCEEDED') with a message fit for visitors, and a
 * critical alert for the admins. Otherwise the estimate is reserved until settled or released.
 *
 * The lock serializes concurrent checks of one tenant across every connection and process, so
 * no two calls can both spend the same remaining budget; spend can pass the cap only by what
 * calls in flight cost beyond their estimates (none, when estimates are upper bounds, e.g.
 * input tokens plus the call's max output tokens). Tenants without a cap get a reservation that
 * holds nothing (no row). Budget thresholds are evaluated on the same pass, so alerts
 * fire on the next call after spend crosses them.
 */
export async function reserveBudget(
  db: Database,
  tenantId: string,
  estimatedMicroUsd: bigint | number,
  options: ReserveOptions = {},
): Promise<Reservation> {
  const hold = await db.withTenant(tenantId, (tx) =>
    holdBudget(db, tx, tenantId, estimatedMicroUsd, options),
  );
  return hold.afterCommit();
}

/** What holdBudget decided, to act on once its transaction has committed. */
export interface BudgetHold {
  /**
   * Call after the transaction committed: notifies new alerts, then throws
   * AppError('BUDGET_EXCEEDED') if refused, else returns the reservation.
   */
  afterCommit(): Reservation;
}

/**
 * reserveBudget's check and hold inside the caller's tenant transaction (the chat turn's first
 * one, saving a transaction per turn). The transaction must commit before the paid call, and
 * `afterCommit()` must be called then: a refusal is only thrown there, so the alert it created
 * commits with the rest.
 */
export async function holdBudget(
  db: Database,
  tx: Tx,
  tenantId: string,
  estimatedMicroUsd: bigint | number,
  options: ReserveOptions = {},
): Promise<BudgetHold> {
  const estimate = toMicro(estimatedMicroUsd, 'estimate');
  if (estimate < 0n) throw new AppError('BAD_INPUT', 'The estimate cannot be negative.');
  const now = options.now ?? new Date();
  const expiresAt = new Date(
    now.getTime() + (options.ttlSeconds ?? readCostsEnv().reservationTtlSeconds) * 1000,
  );
  const outcome = await checkAndHold(tx, tenantId, estimate, now, expiresAt);
  return {
    afterCommit() {
      if (outcome.created.length > 0)
        deliverInBackground(db, tenantId, outcome.webhookUrl, options.notifier);
      if (outcome.refused) {
        throw new AppError('BUDGET_EXCEEDED', BUDGET_EXCEEDED_MESSAGE, {
          details: { reason: 'monthly_cap' },
        });
      }
      return makeReservation(db, tenantId, outcome.id, estimate, expiresAt);
    },
  };
}

async function checkAndHold(
  tx: Tx,
  tenantId: string,
  estimate: bigint,
  now: Date,
  expiresAt: Date,
) {
  // Sent together, run in this order: the lock first, then expired reservations dropped and
  // the open ones summed (one statement), and the settings. Reservations before spend: a settle
  // (event in, reservation out, one commit) landing between the two reads is then counted twice
  // (safe), never zero times.
  const [, open, settings] = await Promise.all([
    advisoryXactLock(tx, `costs:budget:${tenantId}`),
    query<{ total: string }>(
      tx,
      sql`with expired as (
            delete from budget_reservations
            where tenant_id = ${tenantId}::uuid and expires_at <= ${now.toISOString()}::timestamptz)
          select coalesce(sum(amount_micro_usd), 0)::text as total from budget_reservations
          where tenant_id = ${tenantId}::uuid and expires_at > ${now.toISOString()}::timestamptz`,
    ),
    loadBudgetSettings(tx, tenantId),
  ]);
  const evaluation = await evaluateBudgets(tx, tenantId, now, settings);
  const { capMicro } = evaluation.settings;
  const created: BudgetAlert[] = [...evaluation.created];
  if (capMicro === null)
    return { id: null, created, refused: false, webhookUrl: evaluation.settings.webhookUrl };

  const month = evaluation.spend.monthly;
  const committed = month.spentMicro + BigInt(open[0]?.total ?? '0');
  if (committed + estimate > capMicro) {
    const cap = evaluation.settings.thresholds.find((t) => t.kind === 'cap')!;
    const alert = alertValues(
      tenantId,
      cap,
      'critical',
      month,
      `The monthly spending cap of $${cap.limitUsd.toFixed(2)} is reached: new AI calls are refused until next month or until the cap is raised.`,
    );
    created.push(
      ...(await tx.insert(budgetAlerts).values(alert).onConflictDoNothing().returning()),
    );
    return { id: null, created, refused: true, webhookUrl: evaluation.settings.webhookUrl };
  }
  const [row] = await tx
    .insert(budgetReservations)
    .values({ tenantId, amountMicroUsd: estimate, expiresAt })
    .returning({ id: budgetReservations.id });
  return { id: row!.id, created, refused: false, webhookUrl: evaluation.settings.webhookUrl };
}

function makeReservation(
  db: Database,
  tenantId: string,
  id: string | null,
  amount: bigint,
  expiresAt: Date,
): Reservation {
  const remove = (tx: Tx) =>
    id ? tx.delete(budgetReservations).where(eq(budgetReservations.id, id)) : Promise.resolve();
  return {
    id: id ?? randomUUID(),
    tenantId,
    amountMicroUsd: amount,
    expiresAt,
    async settle(tx, actualMicroUsd) {
      const actual = toMicro(actualMicroUsd, 'actual cost');
      await remove(tx);
      return {
        reservedMicroUsd: amount,
        actualMicroUsd: actual,
        overrunMicroUsd: actual > amount ? actual - amount : 0n,
      };
    },
    async release() {
      if (id) await db.withTenant(tenantId, async (tx) => void (await remove(tx)));
    },
  };
}

/** Money currently held by unexpired reservations (dashboard "in flight"). */
export async function reservedMicroUsd(tx: Tx, now = new Date()): Promise<bigint> {
  const rows = await tx
    .select({ total: sql<string>`coalesce(sum(${budgetReservations.amountMicroUsd}), 0)::text` })
    .from(budgetReservations)
    .where(gt(budgetReservations.expiresAt, now));
  return BigInt(rows[0]?.total ?? '0');
}
