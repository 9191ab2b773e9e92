import { and, eq, sql } from 'drizzle-orm';
import type { CostService, Tx } from '@platform/db';
import { costEvents, sessions } from '@platform/db';
import { AppError } from '@platform/errors';
import { priceUsage } from '../pricing/price';
import type { Usage } from '../pricing/units';
import { tokensOf } from '../pricing/units';
import { microToUsd } from '../shared/money';
import { applyLateEvent, isLate } from '../summaries/late';

export interface CostEventInput {
  tenantId: string;
  sessionId?: string | null;
  service: CostService;
  provider: string;
  model: string;
  units: Usage;
  /** When the usage happened; defaults to now. Past dates are priced at that date's prices. */
  at?: Date;
  metadata?: Record<string, unknown>;
}

export interface RecordedCost {
  eventId: string;
  /** Exact decimal USD, 6 places, as stored. */
  costUsd: string;
  microUsd: bigint;
}

/**
 * Meters one AI call: prices it, writes `cost_events` and refreshes the session's `cost_usd`, all
 * in the caller's tenant transaction, so the event and the session total commit together.
 * Call it after the provider answered, in the same short transaction that saves the result (and,
 * with a budget reservation, that settles it).
 */
export async function recordCostEvent(tx: Tx, input: CostEventInput): Promise<RecordedCost> {
  const at = input.at ?? new Date();
  const priced = priceUsage({
    provider: input.provider,
    model: input.model,
    usage: input.units,
    at,
  });
  const costUsd = microToUsd(priced.microUsd);

  if (input.sessionId) {
    // Row lock first: concurrent recorders for one session queue here, and each one's total
    // below then sees the events committed before it (READ COMMITTED takes a new snapshot per
    // statement). The lookup also goes through RLS, which the foreign key alone would not.
    const [session] = await tx
      .select({ id: sessions.id })
      .from(sessions)
      // Naming the tenant lets Citus route the lock to one shard (it refuses a fan-out FOR UPDATE).
      .where(and(eq(sessions.tenantId, input.tenantId), eq(sessions.id, input.sessionId)))
      .for('update');
    if (!session) throw new AppError('NOT_FOUND', 'Session not found.');
  }

  const [event] = await tx
    .insert(costEvents)
    .values({
      tenantId: input.tenantId,
      sessionId: input.sessionId ?? null,
      service: input.service,
      provider: input.provider,
      tokensUsed: tokensOf(input.units),
      costUsd,
      metadata: {
        ...input.metadata,
        model: input.model,
        units: { ...input.units },
        priceVersion: priced.priceVersion,
      },
      timestamp: at,
    })
    .returning({ id: costEvents.id });

  if (input.sessionId) {
    // The session column has 4 decimals; adding 6-decimal amounts to it would round every call.
    // Re-summing the session's exact events rounds once.
    await tx
      .update(sessions)
      .set({
        costUsd: sql`(select coalesce(sum(${costEvents.costUsd}), 0) from ${costEvents} where ${costEvents.sessionId} = ${input.sessionId})`,
      })
      .where(eq(sessions.id, input.sessionId));
  }

  if (isLate(at, new Date())) {
    await applyLateEvent(tx, {
      tenantId: input.tenantId,
      at,
      service: input.service,
      costUsd,
      tokens: tokensOf(input.units),
    });
  }

  return { eventId: event!.id, costUsd, microUsd: priced.microUsd };
}
