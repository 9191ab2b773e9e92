import { sql } from 'drizzle-orm';
import type { CostService, Tx } from '@platform/db';
import { advisoryXactLock } from '../shared/sql';

/**
 * Late events and the rollup.
 *
 * The rollup writes a summary row for a period only once that period ended more than
 * ROLLUP_DELAY_MS ago, and never rewrites it. An event whose timestamp is older than
 * LATE_AFTER_MS may land in a period that already has rows (a backfill, a provider callback
 * that reports usage late), so recording it adds it to those rows in the same transaction, under
 * the tenant's summary lock, which the rollup also holds while it writes that tenant's rows. So:
 * - a late event that commits before the rollup's lock: the rollup's aggregate includes it;
 * - one that waits for the rollup: it finds the rows and adds itself.
 * A timely event (newer than LATE_AFTER_MS) belongs to a period the rollup will not close for
 * at least another LATE_AFTER_MS, by which time its (short) transaction has committed.
 */
export const LATE_AFTER_MS = 5 * 60_000;
export const ROLLUP_DELAY_MS = 2 * LATE_AFTER_MS;

export function isLate(at: Date, now: Date): boolean {
  return at.getTime() < now.getTime() - LATE_AFTER_MS;
}

export function summaryLockKey(tenantId: string): string {
  return `costs:summary:${tenantId}`;
}

export async function applyLateEvent(
  tx: Tx,
  e: { tenantId: string; at: Date; service: CostService; costUsd: string; tokens: number },
): Promise<void> {
  await advisoryXactLock(tx, summaryLockKey(e.tenantId));
  const at = e.at.toISOString();
  // One statement for the day, week and month rows covering the event (whichever exist).
  // SET expressions read the old row, so the new total is the old breakdown's sum plus the event.
  await tx.execute(sql`
    update cost_summaries set
      breakdown = breakdown || jsonb_build_object(${e.service}::text, jsonb_build_object(
        'costUsd', (coalesce((breakdown -> ${e.service}::text ->> 'costUsd')::numeric, 0) + ${e.costUsd}::numeric)::text,
        'tokens', coalesce((breakdown -> ${e.service}::text ->> 'tokens')::bigint, 0) + ${e.tokens}::bigint,
        'events', coalesce((breakdown -> ${e.service}::text ->> 'events')::bigint, 0) + 1)),
      total_cost_usd = round((select coalesce(sum((v ->> 'costUsd')::numeric), 0) from jsonb_each(breakdown) as b(k, v)) + ${e.costUsd}::numeric, 4),
      event_count = event_count + 1
    where tenant_id = ${e.tenantId}::uuid
      and period_start <= ${at}::timestamptz and period_end > ${at}::timestamptz`);
}
