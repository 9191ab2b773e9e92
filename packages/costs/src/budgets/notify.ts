import { eq, sql } from 'drizzle-orm';
import type { Database } from '@platform/db';
import { budgetAlerts } from '@platform/db';
import type { BudgetAlert } from './evaluate';
import type { AlertNotifier } from './webhook';
import { createWebhookNotifier } from './webhook';

let defaultNotifier: AlertNotifier | undefined;
const inFlight = new Set<Promise<unknown>>();

function notifierOrDefault(notifier?: AlertNotifier): AlertNotifier {
  return notifier ?? (defaultNotifier ??= createWebhookNotifier());
}

/**
 * Delivers new alerts to the tenant's webhook, after the transaction that created them has
 * committed (never hold a transaction across HTTP). The alert row is the dashboard notification;
 * `notifications_sent` counts accepted webhook deliveries. Returns how many were accepted.
 */
export async function deliverAlerts(
  db: Database,
  tenantId: string,
  url: string | null,
  alerts: BudgetAlert[],
  notifier?: AlertNotifier,
): Promise<number> {
  if (!url || alerts.length === 0) return 0;
  const sender = notifierOrDefault(notifier);
  let delivered = 0;
  for (const alert of alerts) {
    if (!(await sender.deliver(url, alert))) continue;
    delivered += 1;
    await db.withTenant(tenantId, (tx) =>
      tx
        .update(budgetAlerts)
        .set({
          notificationsSent: sql`${budgetAlerts.notificationsSent} + 1`,
          metadata: sql`coalesce(${budgetAlerts.metadata}, '{}'::jsonb) || '{"channels":["dashboard","webhook"]}'::jsonb`,
        })
        .where(eq(budgetAlerts.id, alert.id)),
    );
  }
  return delivered;
}

/**
 * Delivery that must not delay its caller (reserveBudget sits in front of every AI call).
 * Failures are swallowed: the alert row is already in the dashboard.
 */
export function deliverInBackground(...args: Parameters<typeof deliverAlerts>): void {
  const task = deliverAlerts(...args).catch(() => 0);
  inFlight.add(task);
  void task.finally(() => inFlight.delete(task));
}

/** Waits for background deliveries (tests, graceful shutdown). */
export async function flushAlertDeliveries(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
