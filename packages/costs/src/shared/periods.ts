import type { BudgetPeriod } from '@platform/db';

/**
 * Calendar periods in UTC: days, ISO weeks (starting Monday) and months. Summary rows, budgets
 * and charts all use these, so a "day" means the same everywhere. Postgres' 3-argument
 * `date_trunc(unit, ts, 'UTC')` produces the same boundaries.
 */
export const granularities = ['day', 'week', 'month'] as const;
export type Granularity = (typeof granularities)[number];

export interface Period {
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;

export function periodStart(kind: Granularity, at: Date): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  const d = at.getUTCDate();
  if (kind === 'month') return new Date(Date.UTC(y, m, 1));
  const day = new Date(Date.UTC(y, m, d));
  if (kind === 'day') return day;
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

export function periodEnd(kind: Granularity, start: Date): Date {
  if (kind === 'month')
    return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + (kind === 'day' ? 1 : 7) * DAY_MS);
}

export function periodAt(kind: Granularity, at: Date): Period {
  const start = periodStart(kind, at);
  return { start, end: periodEnd(kind, start) };
}

/** Every period of `kind` overlapping [from, to), in order. */
export function periodsOverlapping(kind: Granularity, from: Date, to: Date): Period[] {
  const periods: Period[] = [];
  for (let start = periodStart(kind, from); start < to; start = periodEnd(kind, start)) {
    periods.push({ start, end: periodEnd(kind, start) });
  }
  return periods;
}

/** Seconds a summary row of `kind` spans, as bounds: how SQL tells the three kinds apart. */
export function spanSeconds(kind: Granularity): [number, number] {
  if (kind === 'day') return [86_400, 86_400];
  if (kind === 'week') return [604_800, 604_800];
  return [28 * 86_400, 31 * 86_400];
}

export const budgetGranularity: Record<BudgetPeriod, Granularity> = {
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
};
