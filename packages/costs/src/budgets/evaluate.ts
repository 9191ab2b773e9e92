import { eq } from 'drizzle-orm';
import type { BudgetPeriod, Tx } from '@platform/db';
import { budgetAlerts, tenants } from '@platform/db';
import { microToUsd, usdToMicro } from '../shared/money';
import { budgetGranularity, periodAt } from '../shared/periods';
import { getCostSummary } from '../summaries/summary';
import type { BudgetSettings, Threshold } from './settings';
import { readBudgetSettings } from './settings';

export type BudgetAlert = typeof budgetAlerts.$inferSelect;
export type Severity = BudgetAlert['severity'];

export interface PeriodSpend {
  period: BudgetPeriod;
  start: Date;
  end: Date;
  spentMicro: bigint;
}

export interface Evaluation {
  settings: BudgetSettings;
  spend: Record<BudgetPeriod, PeriodSpend>;
  /** Alerts this evaluation inserted (not ones that already existed): the ones to notify. */
  created: BudgetAlert[];
}

export async function loadBudgetSettings(tx: Tx, tenantId: string): Promise<BudgetSettings> {
  const [tenant] = await tx
    .select({ settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return readBudgetSettings(tenant?.settings);
}

/**
 * Spend so far in the current day, week and month (UTC), from summaries plus live events: one
 * day-grouped summary over the span covering all of them (the day's and week's days lie in or
 * next to the month's), summed per period. The current periods are open, so per-period reads
 * would come down to the same day rows and live events, read up to three times.
 */
export async function currentSpend(tx: Tx, now: Date, periods: readonly BudgetPeriod[]) {
  const spend = {} as Record<BudgetPeriod, PeriodSpend>;
  if (periods.length === 0) return spend;
  const spans = periods.map((period) => ({ period, ...periodAt(budgetGranularity[period], now) }));
  const from = new Date(Math.min(...spans.map((s) => s.start.getTime())));
  const to = new Date(Math.max(...spans.map((s) => s.end.getTime())));
  const days = await getCostSummary(tx, { startDate: from, endDate: to, groupBy: 'day' });
  for (const { period, start, end } of spans) {
    let spentMicro = 0n;
    for (const day of days)
      if (day.periodStart >= start && day.periodStart < end)
        spentMicro += usdToMicro(day.totalCostUsd);
    spend[period] = { period, start, end, spentMicro };
  }
  return spend;
}

/**
 * Compares spend with every threshold and inserts the alerts crossed. The unique index
 * budget_alert_dedupe_idx (tenant, period, severity, threshold, period start) plus
 * ON CONFLICT DO NOTHING makes concurrent evaluations create each alert exactly once; only the
 * writer whose insert won sees it in `created`, so only it notifies.
 */
export async function evaluateBudgets(
  tx: Tx,
  tenantId: string,
  now: Date,
  /** The tenant's settings when the caller has just read them in this transaction. */
  loaded?: BudgetSettings,
): Promise<Evaluation> {
  const settings = loaded ?? (await loadBudgetSettings(tx, tenantId));
  const periods = [...new Set(settings.thresholds.map((t) => t.period))];
  const spend = await currentSpend(tx, now, periods);
  const candidates = settings.thresholds.flatMap((threshold) => {
    const s = spend[threshold.period];
    const levels: [Severity, number][] = [
      ['warning', settings.warningAt],
      ['critical', 1],
    ];
    return levels
      .filter(([, fraction]) => crossed(s.spentMicro, threshold.limitMicro, fraction))
      .map(([severity, fraction]) =>
        alertValues(tenantId, threshold, severity, s, describe(threshold, severity, fraction)),
      );
  });
  const created = candidates.length
    ? await tx.insert(budgetAlerts).values(candidates).onConflictDoNothing().returning()
    : [];
  return { settings, spend, created };
}

/** spent >= limit * fraction, in integers (fraction to 1/10000). */
function crossed(spent: bigint, limit: bigint, fraction: number): boolean {
  return spent * 10_000n >= limit * BigInt(Math.round(fraction * 10_000));
}

export function alertValues(
  tenantId: string,
  threshold: Threshold,
  severity: Severity,
  spend: PeriodSpend,
  message: string,
): typeof budgetAlerts.$inferInsert {
  return {
    tenantId,
    threshold: threshold.limitUsd.toFixed(2),
    currentSpend: microToUsd(spend.spentMicro, 4),
    period: threshold.period,
    severity,
    metadata: {
      periodStart: spend.start.toISOString(),
      channels: ['dashboard'],
      customMessage: message,
    },
  };
}

function describe(threshold: Threshold, severity: Severity, fraction: number): string {
  const what = threshold.kind === 'cap' ? 'monthly spending cap' : `${threshold.period} budget`;
  if (severity === 'critical') {
    return threshold.kind === 'cap'
      ? `The monthly spending cap of $${threshold.limitUsd.toFixed(2)} is reached: new AI calls are refused until next month or until the cap is raised.`
      : `The ${what} of $${threshold.limitUsd.toFixed(2)} is used up.`;
  }
  return `${Math.round(fraction * 100)}% of the ${what} of $${threshold.limitUsd.toFixed(2)} is used.`;
}
