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
  const [recorded] = await recordCostEvents(tx, [input]);
  return recorded!;
}

/**
 * recordCostEvent for several calls of one turn (same tenant and session): one session lock, one
 * multi-row insert and one session total, sent together (one round trip). Returned in input order.
 */
export async function recordCostEvents(
  tx: Tx,
  inputs: readonly CostEventInput[],
): Promise<RecordedCost[]> {
  if (inputs.length === 0) return [];
  const { tenantId, sessionId } = inputs[0]!;
  if (inputs.some((i) => i.tenantId !== tenantId || (i.sessionId ?? null) !== (sessionId ?? null)))
    throw new AppError('BAD_INPUT', 'Cost events recorded together share tenant and session.');
  const now = new Date();
  const priced = inputs.map((input) => {
    const at = input.at ?? now;
    const price = priceUsage({
      provider: input.provider,
      model: input.model,
      usage: input.units,
      at,
    });
    return { input, at, price, costUsd: microToUsd(price.microUsd) };
  });

  // Row lock first: concurrent recorders for one session queue here, and each one's total below
  // then sees the events committed before it (READ COMMITTED takes a new snapshot per
  // statement). The lookup also goes through RLS, which the foreign key alone would not. The
  // three statements are sent together and run in order.
  const locked = sessionId
    ? tx
        .select({ id: sessions.id })
        .from(sessions)
        // Naming the tenant lets Citus route the lock to one shard (it refuses a fan-out FOR UPDATE).
        .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)))
        .for('update')
    : Promise.resolve([{ id: null }]);
  const inserted = tx
    .insert(costEvents)
    .values(
      priced.map(({ input, at, price, costUsd }) => ({
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
          priceVersion: price.priceVersion,
        },
        timestamp: at,
      })),
    )
    .returning({ id: costEvents.id });
  // The session column has 4 decimals; adding 6-decimal amounts to it would round every call.
  // Re-summing the session's exact events rounds once.
  const totalled = sessionId
    ? tx
        .update(sessions)
        .set({
          costUsd: sql`(select coalesce(sum(${costEvents.costUsd}), 0) from ${costEvents} where ${costEvents.sessionId} = ${sessionId})`,
        })
        .where(eq(sessions.id, sessionId))
    : Promise.resolve();
  const [session, events, total] = await Promise.allSettled([locked, inserted, totalled]);
  // No such session (for this tenant): say so, not the foreign-key error the insert then hit.
  if (session.status === 'fulfilled' && session.value.length === 0)
    throw new AppError('NOT_FOUND', 'Session not found.');
  for (const outcome of [session, events, total])
    if (outcome.status === 'rejected') throw outcome.reason;
  const ids = (events as PromiseFulfilledResult<Array<{ id: string }>>).value;

  for (const { input, at, costUsd } of priced) {
    if (isLate(at, new Date())) {
      await applyLateEvent(tx, {
        tenantId: input.tenantId,
        at,
        service: input.service,
        costUsd,
        tokens: tokensOf(input.units),
      });
    }
  }

  return priced.map(({ costUsd, price }, i) => ({
    eventId: ids[i]!.id,
    costUsd,
    microUsd: price.microUsd,
  }));
}
