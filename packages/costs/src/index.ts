/**
 * @platform/costs: pricing, cost events, summaries, budgets and alerts.
 *
 * Tenant-scoped functions take a `tx` from `db.withTenant` (RLS picks the tenant); the ones that
 * open their own short transactions (reserveBudget, checkBudgets, rollupCostSummaries) take `db`.
 */
export { readCostsEnv } from './env';
export type { CostsEnv } from './env';

export { priceTable } from './pricing/price-table';
export type { PriceVersion } from './pricing/price-table';
export { findPrice, normalizeModel, priceUsage } from './pricing/price';
export type { PricedUsage } from './pricing/price';
export { perMillion, perUnit } from './pricing/rates';
export { tokensOf, unitKinds } from './pricing/units';
export type { UnitKind, Usage } from './pricing/units';
export { microToUsd, toMicro, usdNumberToMicro, usdToMicro, MICRO_PER_USD } from './shared/money';
export {
  periodAt,
  periodEnd,
  periodStart,
  periodsOverlapping,
  granularities,
} from './shared/periods';
export type { Granularity, Period } from './shared/periods';

export { recordCostEvent, recordCostEvents } from './events/record';
export type { CostEventInput, RecordedCost } from './events/record';
export { listCostEvents } from './events/list';
export type { CostEventItem, ListCostEventsInput, Page } from './events/list';
export { exportCostEventsCsv, CSV_MAX_ROWS } from './events/csv';

export { getCostSummary, spendBetween, MAX_BUCKETS } from './summaries/summary';
export type { CostSummaryInput, CostSummaryOptions, CostSummaryRow } from './summaries/summary';
export { rollupCostSummaries } from './summaries/rollup';
export type { RollupOptions, RollupResult } from './summaries/rollup';
export { LATE_AFTER_MS, ROLLUP_DELAY_MS } from './summaries/late';

export { runCostJobs } from './jobs/run';
export type { CostJobsResult } from './jobs/run';
export { listBudgetAlerts, resolveBudgetAlert } from './budgets/alerts';
export type { ListBudgetAlertsInput } from './budgets/alerts';
export { checkBudgets } from './budgets/check';
export type { CheckBudgetsOptions, CheckBudgetsResult } from './budgets/check';
export type { BudgetAlert } from './budgets/evaluate';
export { flushAlertDeliveries } from './budgets/notify';
export {
  BUDGET_EXCEEDED_MESSAGE,
  holdBudget,
  reserveBudget,
  reservedMicroUsd,
} from './budgets/reserve';
export type { BudgetHold, ReserveOptions, Reservation, SettleResult } from './budgets/reserve';
export { readBudgetSettings, DEFAULT_WARNING_AT } from './budgets/settings';
export { getBudgetStatus } from './budgets/status';
export type { BudgetStatus, PeriodStatus } from './budgets/status';
export type { BudgetSettings, Threshold } from './budgets/settings';
export {
  alertPayload,
  alertWebhookSecret,
  createWebhookNotifier,
  signPayload,
  verifySignature,
  SIGNATURE_HEADER,
} from './budgets/webhook';
export type { AlertNotifier, AlertWebhookPayload, WebhookNotifierOptions } from './budgets/webhook';
