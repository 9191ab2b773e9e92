import { z } from 'zod';
import type { BudgetPeriod, TenantSettings } from '@platform/db';
import { usdNumberToMicro } from '../shared/money';

/**
 * `tenants.settings` is JSON edited through the dashboard; read it defensively so a malformed
 * value disables that one threshold instead of breaking every AI call.
 */
const positive = z.number().finite().positive().optional().catch(undefined);
const settingsSchema = z.object({
  maxMonthlySpend: positive,
  alertWebhookUrl: z.string().url().optional().catch(undefined),
  budgets: z
    .object({
      daily: positive,
      weekly: positive,
      monthly: positive,
      warningAt: z.number().gt(0).lt(1).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});

export const DEFAULT_WARNING_AT = 0.8;

export interface Threshold {
  period: BudgetPeriod;
  /** The budget for the period, micro-dollars. */
  limitMicro: bigint;
  /** USD as in settings; stored in `budget_alerts.threshold`. */
  limitUsd: number;
  /** 'cap' is maxMonthlySpend, which also blocks calls; 'budget' only alerts. */
  kind: 'budget' | 'cap';
}

export interface BudgetSettings {
  thresholds: Threshold[];
  capMicro: bigint | null;
  warningAt: number;
  webhookUrl: string | null;
}

export function readBudgetSettings(settings: TenantSettings | null | undefined): BudgetSettings {
  const parsed = settingsSchema.safeParse(settings ?? {});
  const s = parsed.success ? parsed.data : {};
  const thresholds: Threshold[] = [];
  const add = (period: BudgetPeriod, usd: number | undefined, kind: Threshold['kind']) => {
    if (usd !== undefined)
      thresholds.push({ period, limitMicro: usdNumberToMicro(usd), limitUsd: usd, kind });
  };
  add('daily', s.budgets?.daily, 'budget');
  add('weekly', s.budgets?.weekly, 'budget');
  add('monthly', s.budgets?.monthly, 'budget');
  add('monthly', s.maxMonthlySpend, 'cap');
  return {
    thresholds,
    capMicro: s.maxMonthlySpend === undefined ? null : usdNumberToMicro(s.maxMonthlySpend),
    warningAt: s.budgets?.warningAt ?? DEFAULT_WARNING_AT,
    webhookUrl: s.alertWebhookUrl ?? null,
  };
}
