import type { Database } from '@platform/db';
import type { BudgetAlert } from './evaluate';
import { evaluateBudgets } from './evaluate';
import { deliverAlerts } from './notify';
import type { AlertNotifier } from './webhook';

export interface CheckBudgetsOptions {
  now?: Date;
  notifier?: AlertNotifier;
}

export interface CheckBudgetsResult {
  /** Alerts this call created (already-existing ones are not repeated). */
  created: BudgetAlert[];
  /** Webhook deliveries the receiver accepted (new alerts and due retries). */
  delivered: number;
}

/**
 * Creates the alerts the tenant's current spend has crossed (warning and critical, per daily,
 * weekly and monthly budget and the monthly cap), then notifies. Safe to call concurrently and
 * repeatedly: each alert exists once per threshold, severity and period. Run it after recording
 * costs (reserveBudget also evaluates on every call) or from the rollup job.
 */
export async function checkBudgets(
  db: Database,
  tenantId: string,
  options: CheckBudgetsOptions = {},
): Promise<CheckBudgetsResult> {
  const now = options.now ?? new Date();
  const evaluation = await db.withTenant(tenantId, (tx) => evaluateBudgets(tx, tenantId, now));
  // New alerts, and earlier ones whose delivery failed and is due again.
  const delivered = await deliverAlerts(
    db,
    tenantId,
    evaluation.settings.webhookUrl,
    options.notifier,
  );
  return { created: evaluation.created, delivered };
}
