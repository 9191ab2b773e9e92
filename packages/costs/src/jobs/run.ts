import { sql } from 'drizzle-orm';
import type { Database } from '@platform/db';
import { tenants } from '@platform/db';
import { checkBudgets } from '../budgets/check';
import type { AlertNotifier } from '../budgets/webhook';
import { rollupCostSummaries } from '../summaries/rollup';
import type { RollupResult } from '../summaries/rollup';

export interface CostJobsResult extends RollupResult {
  tenantsChecked: number;
  alertsCreated: number;
  webhooksDelivered: number;
}

/**
 * The periodic costs job (every few minutes): roll up closed periods, then evaluate budgets for
 * every tenant that has any, so alerts fire even for tenants whose calls have stopped. Safe to
 * run from several processes at once (the rollup and the alerts are idempotent).
 */
export async function runCostJobs(
  db: Database,
  options: { now?: Date; notifier?: AlertNotifier } = {},
): Promise<CostJobsResult> {
  const rollup = await rollupCostSummaries(db, { now: options.now });
  const withBudgets = await db.asSystem('rollup', (tx) =>
    tx
      .select({ id: tenants.id })
      .from(tenants)
      .where(sql`${tenants.settings} ? 'budgets' or ${tenants.settings} ? 'maxMonthlySpend'`),
  );
  let alertsCreated = 0;
  let webhooksDelivered = 0;
  for (const { id } of withBudgets) {
    const result = await checkBudgets(db, id, options);
    alertsCreated += result.created.length;
    webhooksDelivered += result.delivered;
  }
  return { ...rollup, tenantsChecked: withBudgets.length, alertsCreated, webhooksDelivered };
}
