import { and, count, eq, gte, lt } from 'drizzle-orm';
import { getBudgetStatus, periodAt } from '@platform/costs';
import { budgetAlerts, messages, sessions } from '@platform/db';
import type { Tx } from '@platform/db';
import { listSessions } from '../sessions/service';

/** How many recent conversations the overview lists. */
export const RECENT_CONVERSATIONS = 5;

/**
 * The dashboard's overview for the current calendar month (UTC, the same month the budget uses):
 * exact counts (count(*) under the tenant's RLS, not derived from a page of a list), month-to-date
 * spend against the monthly limit as @platform/costs computes it for the budget checks, open
 * alerts and the latest conversations.
 *
 * "Messages this month" counts messages sent this month, whatever month their conversation began.
 */
export async function getOverviewStats(tx: Tx, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const month = periodAt('month', now);

  const [conversations] = await tx
    .select({ n: count() })
    .from(sessions)
    .where(and(gte(sessions.createdAt, month.start), lt(sessions.createdAt, month.end)));
  const [sent] = await tx
    .select({ n: count() })
    .from(messages)
    .where(and(gte(messages.timestamp, month.start), lt(messages.timestamp, month.end)));
  const [alerts] = await tx
    .select({ n: count() })
    .from(budgetAlerts)
    .where(eq(budgetAlerts.resolved, false));

  const budget = await getBudgetStatus(tx, { now });
  const monthly = budget.periods.find((p) => p.period === 'monthly')!;
  // The hard cap (maxMonthlySpend) is what stops AI calls; a monthly budget only alerts.
  const limitUsd = budget.capUsd ?? monthly.budgetUsd;

  const recent = await listSessions(tx, { limit: RECENT_CONVERSATIONS });

  return {
    period: { start: month.start, end: month.end },
    conversations: conversations?.n ?? 0,
    messages: sent?.n ?? 0,
    spend: {
      /** Exact decimal USD (6 places), month to date. */
      spentUsd: monthly.spentUsd,
      /** Held by AI calls in flight. */
      reservedUsd: budget.reservedUsd,
      limitUsd,
      limitKind:
        budget.capUsd !== null ? ('cap' as const) : limitUsd !== null ? ('budget' as const) : null,
    },
    openAlerts: alerts?.n ?? 0,
    recentConversations: recent.items,
  };
}
