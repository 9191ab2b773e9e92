import { reserveBudget } from '@platform/costs';
import type { Database } from '@platform/db';
import type { LivekitConfig } from '../env';

/**
 * Refuses to start or join a meeting that would add spend once the tenant's monthly cap is
 * reached (AppError 'BUDGET_EXCEEDED' from @platform/costs, which also raises the admins'
 * critical alert). Minutes are billed only after a participant leaves, so the check holds back a
 * token amount (one micro-dollar) and releases it at once: it asks "is there room left?", it does
 * not reserve the meeting's cost. On an own server (price model 'self-hosted') minutes cost
 * nothing, so there is nothing to refuse.
 */
export async function assertMeetingBudget(
  db: Database,
  tenantId: string,
  livekit: LivekitConfig,
): Promise<void> {
  if (livekit.priceModel === 'self-hosted') return;
  const reservation = await reserveBudget(db, tenantId, 1n);
  await reservation.release();
}
