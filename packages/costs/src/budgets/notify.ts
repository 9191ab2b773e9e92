import { sql } from 'drizzle-orm';
import type { Database } from '@platform/db';
import { budgetAlerts } from '@platform/db';
import { query } from '../shared/sql';
import type { BudgetAlert } from './evaluate';
import type { AlertNotifier } from './webhook';
import { createWebhookNotifier } from './webhook';

let defaultNotifier: AlertNotifier | undefined;
const inFlight = new Set<Promise<unknown>>();

function notifierOrDefault(notifier?: AlertNotifier): AlertNotifier {
  return notifier ?? (defaultNotifier ??= createWebhookNotifier());
}

/** Attempts per alert: at once, then after 5, 10, 20 and 40 minutes (the cost job's pace). */
export const MAX_DELIVERY_ATTEMPTS = 5;
const FIRST_RETRY_MINUTES = 5;
/** An alert older than this is not worth announcing any more: the dashboard still shows it. */
const GIVE_UP_AFTER = '24 hours';

/**
 * Delivers the tenant's alerts that are due to its webhook: new ones, and failed ones whose next
 * attempt has come. Each alert is claimed first, in one short statement that counts the attempt
 * and schedules the next, so concurrent callers (every AI call's budget check, the cost job in
 * several processes) never post one alert twice. HTTP runs after the claim commits (never inside
 * a transaction). The alert row is the dashboard notification; `notifications_sent` counts
 * accepted deliveries. Returns how many were accepted.
 */
export async function deliverAlerts(
  db: Database,
  tenantId: string,
  url: string | null,
  notifier?: AlertNotifier,
): Promise<number> {
  if (!url) return 0;
  // Pick and lock the due alerts, then claim each with values computed here: Citus refuses an
  // UPDATE whose expressions apply a STABLE function (a timestamptz cast, now() + interval) to a
  // column, so the backoff is not computed in SQL.
  const claimed = await db.withTenant(tenantId, async (tx) => {
    const due = await query<{ id: string; attempts: number }>(
      tx,
      sql`select id, coalesce((metadata->>'deliveryAttempts')::int, 0) as attempts
          from ${budgetAlerts}
          where tenant_id = ${tenantId} and notifications_sent = 0 and not resolved
            and triggered_at > now() - ${GIVE_UP_AFTER}::interval
            and coalesce((metadata->>'deliveryAttempts')::int, 0) < ${MAX_DELIVERY_ATTEMPTS}
            and (metadata->>'nextDeliveryAt' is null or (metadata->>'nextDeliveryAt')::timestamptz <= now())
          for update`,
    );
    const now = Date.now();
    for (const { id, attempts } of due) {
      const next = new Date(now + FIRST_RETRY_MINUTES * 60_000 * 2 ** Number(attempts));
      await tx.execute(
        sql`update ${budgetAlerts} set metadata = coalesce(metadata, '{}'::jsonb) || jsonb_build_object(
              'deliveryAttempts', ${Number(attempts) + 1}::int, 'nextDeliveryAt', ${next.toISOString()}::text)
            where tenant_id = ${tenantId} and id = ${id}`,
      );
    }
    return due;
  });
  if (claimed.length === 0) return 0;
  const alerts = await db.withTenant(tenantId, (tx) =>
    tx
      .select()
      .from(budgetAlerts)
      .where(
        sql`${budgetAlerts.id} in (${sql.join(
          claimed.map((c) => sql`${c.id}::uuid`),
          sql`, `,
        )})`,
      )
      .orderBy(budgetAlerts.triggeredAt),
  );
  const sender = notifierOrDefault(notifier);
  let delivered = 0;
  for (const alert of alerts) {
    if (!(await sender.deliver(url, alert))) continue;
    delivered += 1;
    await markDelivered(db, alert);
  }
  return delivered;
}

function markDelivered(db: Database, alert: BudgetAlert) {
  return db.withTenant(alert.tenantId, (tx) =>
    tx
      .update(budgetAlerts)
      .set({
        notificationsSent: sql`${budgetAlerts.notificationsSent} + 1`,
        metadata: sql`(coalesce(${budgetAlerts.metadata}, '{}'::jsonb) - 'nextDeliveryAt') || '{"channels":["dashboard","webhook"]}'::jsonb`,
      })
      .where(sql`${budgetAlerts.id} = ${alert.id}`),
  );
}

/**
 * Delivery that must not delay its caller (reserveBudget sits in front of every AI call).
 * Failures are left for the cost job's retries: the alert row is already in the dashboard.
 */
export function deliverInBackground(...args: Parameters<typeof deliverAlerts>): void {
  const task = deliverAlerts(...args).catch((error: unknown) => {
    console.error('Delivering budget alerts failed', error);
    return 0;
  });
  inFlight.add(task);
  void task.finally(() => inFlight.delete(task));
}

/** Waits for background deliveries (tests, graceful shutdown). */
export async function flushAlertDeliveries(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
