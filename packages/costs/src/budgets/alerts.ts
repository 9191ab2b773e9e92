import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Tx } from '@platform/db';
import { budgetAlerts, tenantOf } from '@platform/db';
import { AppError } from '@platform/errors';
import type { Page } from '../events/list';
import { checkLimit, decodeCursor, encodeCursor } from '../shared/cursor';
import { isoUtc, uuidPattern } from '../shared/sql';
import type { BudgetAlert } from './evaluate';

export interface ListBudgetAlertsInput {
  limit: number;
  cursor?: string;
  /** Omit for all; false for the open ones the dashboard shows first. */
  resolved?: boolean;
}

/** The caller's tenant's alerts, newest first, keyset-paginated. */
export async function listBudgetAlerts(
  tx: Tx,
  input: ListBudgetAlertsInput,
): Promise<Page<BudgetAlert>> {
  const limit = checkLimit(input.limit);
  const filters: (SQL | undefined)[] = [
    input.resolved === undefined ? undefined : eq(budgetAlerts.resolved, input.resolved),
  ];
  if (input.cursor) {
    const key = decodeCursor(input.cursor);
    filters.push(
      sql`(${budgetAlerts.triggeredAt}, ${budgetAlerts.id}) < (${key.at}::timestamptz, ${key.id}::uuid)`,
    );
  }
  const rows = await tx
    .select({ alert: budgetAlerts, at: isoUtc(budgetAlerts.triggeredAt) })
    .from(budgetAlerts)
    .where(and(...filters))
    .orderBy(desc(budgetAlerts.triggeredAt), desc(budgetAlerts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => r.alert),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ at: last.at, id: last.alert.id }) : undefined,
  };
}

/**
 * Marks an alert resolved (idempotent: resolving twice keeps the first resolved_at). Another
 * tenant's id is invisible under RLS and answers NOT_FOUND, like a missing one.
 */
export async function resolveBudgetAlert(tx: Tx, alertId: string): Promise<BudgetAlert> {
  if (!uuidPattern.test(alertId)) throw new AppError('NOT_FOUND', 'Alert not found.');
  // Two statements, not `resolved_at = coalesce(resolved_at, now())`: Citus refuses a
  // non-immutable function inside COALESCE in an UPDATE.
  const own = and(eq(budgetAlerts.tenantId, tenantOf(tx)), eq(budgetAlerts.id, alertId));
  const [updated] = await tx
    .update(budgetAlerts)
    .set({ resolved: true, resolvedAt: new Date() })
    .where(and(own, isNull(budgetAlerts.resolvedAt)))
    .returning();
  if (updated) return updated;
  const [already] = await tx.select().from(budgetAlerts).where(own);
  if (!already) throw new AppError('NOT_FOUND', 'Alert not found.');
  return already;
}
