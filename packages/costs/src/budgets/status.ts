import type { BudgetPeriod, Tx } from '@platform/db';
import { tenants } from '@platform/db';
import { microToUsd } from '../shared/money';
import { currentSpend } from './evaluate';
import { reservedMicroUsd } from './reserve';
import { readBudgetSettings } from './settings';

export interface PeriodStatus {
  period: BudgetPeriod;
  periodStart: Date;
  periodEnd: Date;
  /** Exact decimal USD, 6 places. */
  spentUsd: string;
  /** The budget for the period (settings.budgets), or null when none is set. */
  budgetUsd: string | null;
}

export interface BudgetStatus {
  periods: PeriodStatus[];
  /** settings.maxMonthlySpend, or null for no cap. */
  capUsd: string | null;
  /** Held by AI calls in flight. */
  reservedUsd: string;
  /** Fraction of a budget at which warnings fire. */
  warningAt: number;
  webhookUrl: string | null;
}

/** Spend against the budgets for the dashboard's "totals against the budget". Tenant from RLS. */
export async function getBudgetStatus(tx: Tx, options: { now?: Date } = {}): Promise<BudgetStatus> {
  const now = options.now ?? new Date();
  const [tenant] = await tx.select({ settings: tenants.settings }).from(tenants);
  const settings = readBudgetSettings(tenant?.settings);
  const periods: BudgetPeriod[] = ['daily', 'weekly', 'monthly'];
  const spend = await currentSpend(tx, now, periods);
  return {
    periods: periods.map((period) => {
      const budget = settings.thresholds.find((t) => t.period === period && t.kind === 'budget');
      return {
        period,
        periodStart: spend[period].start,
        periodEnd: spend[period].end,
        spentUsd: microToUsd(spend[period].spentMicro),
        budgetUsd: budget ? microToUsd(budget.limitMicro) : null,
      };
    }),
    capUsd: settings.capMicro === null ? null : microToUsd(settings.capMicro),
    reservedUsd: microToUsd(await reservedMicroUsd(tx, now)),
    warningAt: settings.warningAt,
    webhookUrl: settings.webhookUrl,
  };
}
