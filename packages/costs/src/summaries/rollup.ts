import { sql } from 'drizzle-orm';
import type { CostBreakdown, CostService, Database, Tx } from '@platform/db';
import { costSummaries, tenants } from '@platform/db';
import { microToUsd, usdToMicro } from '../shared/money';
import type { Granularity, Period } from '../shared/periods';
import {
  granularities,
  periodEnd,
  periodStart,
  periodsOverlapping,
  spanSeconds,
} from '../shared/periods';
import { advisoryXactLock, isoUtc, query } from '../shared/sql';
import { ROLLUP_DELAY_MS, summaryLockKey } from './late';

export interface RollupOptions {
  now?: Date;
  /**
   * Recompute (and overwrite) rows for periods starting at or after this date: a repair tool for
   * events written around recordCostEvent. Normal runs only fill missing periods.
   */
  rebuildFrom?: Date;
}

export interface RollupResult {
  tenants: number;
  rowsWritten: number;
}

/**
 * Writes one `cost_summaries` row per tenant and closed period (day, week, month), including
 * empty periods, from the tenant's first event up to periods that ended ROLLUP_DELAY_MS ago.
 * Idempotent: rows that exist are left alone (late events keep them current, see late.ts), so a
 * second run writes nothing. One short system transaction per tenant, holding that tenant's
 * summary lock.
 */
export async function rollupCostSummaries(
  db: Database,
  options: RollupOptions = {},
): Promise<RollupResult> {
  const now = options.now ?? new Date();
  const tenantIds = await db.asSystem('rollup', async (tx) =>
    (await tx.select({ id: tenants.id }).from(tenants)).map((t) => t.id),
  );
  let rowsWritten = 0;
  for (const tenantId of tenantIds) {
    rowsWritten += await db.asSystem('rollup', (tx) =>
      rollupTenant(tx, tenantId, now, options.rebuildFrom),
    );
  }
  return { tenants: tenantIds.length, rowsWritten };
}

async function rollupTenant(
  tx: Tx,
  tenantId: string,
  now: Date,
  rebuildFrom?: Date,
): Promise<number> {
  await advisoryXactLock(tx, summaryLockKey(tenantId));
  const [first] = await query<{ at: string | null }>(
    tx,
    sql`select ${isoUtc(sql`min("timestamp")`)} as at from cost_events where tenant_id = ${tenantId}::uuid`,
  );
  if (!first?.at) return 0;
  const firstAt = new Date(first.at);
  const closedAt = new Date(now.getTime() - ROLLUP_DELAY_MS);
  let written = 0;
  for (const kind of granularities) {
    const closedBefore = periodStart(kind, closedAt);
    if (firstAt >= closedBefore) continue;
    const needed = periodsOverlapping(kind, firstAt, closedBefore);
    const existing = new Set(
      (await existingStarts(tx, tenantId, kind, needed[0]!.start, closedBefore)).map((s) =>
        Date.parse(s),
      ),
    );
    const todo = needed.filter(
      (p) =>
        !existing.has(p.start.getTime()) || (rebuildFrom !== undefined && p.start >= rebuildFrom),
    );
    for (const run of contiguousRuns(todo)) {
      written += await writeRun(tx, tenantId, kind, run, rebuildFrom !== undefined);
    }
  }
  return written;
}

async function existingStarts(
  tx: Tx,
  tenantId: string,
  kind: Granularity,
  from: Date,
  before: Date,
) {
  const [minSpan, maxSpan] = spanSeconds(kind);
  const rows = await query<{ start: string }>(
    tx,
    sql`select ${isoUtc(sql`period_start`)} as start from cost_summaries
        where tenant_id = ${tenantId}::uuid
          and period_start >= ${from.toISOString()}::timestamptz
          and period_start < ${before.toISOString()}::timestamptz
          and extract(epoch from period_end - period_start) between ${minSpan} and ${maxSpan}`,
  );
  return rows.map((r) => r.start);
}

function contiguousRuns(periods: Period[]): Period[][] {
  const runs: Period[][] = [];
  for (const p of periods) {
    const run = runs.at(-1);
    if (run && run.at(-1)!.end.getTime() === p.start.getTime()) run.push(p);
    else runs.push([p]);
  }
  return runs;
}

/** Aggregates one contiguous run of periods in one query and upserts a row per period. */
async function writeRun(
  tx: Tx,
  tenantId: string,
  kind: Granularity,
  run: Period[],
  overwrite: boolean,
) {
  const from = run[0]!.start;
  const to = run.at(-1)!.end;
  const aggregates = await query<{
    bucket: string;
    service: CostService;
    cost: string;
    tokens: string;
    events: string;
  }>(
    tx,
    sql`select ${isoUtc(sql`date_trunc(${kind}, "timestamp", 'UTC')`)} as bucket, service,
               sum(cost_usd)::text as cost, coalesce(sum(tokens_used), 0)::text as tokens, count(*)::text as events
        from cost_events
        where tenant_id = ${tenantId}::uuid
          and "timestamp" >= ${from.toISOString()}::timestamptz and "timestamp" < ${to.toISOString()}::timestamptz
        group by 1, 2`,
  );
  const byPeriod = new Map<number, CostBreakdown>();
  for (const a of aggregates) {
    const key = Date.parse(a.bucket);
    const breakdown = byPeriod.get(key) ?? {};
    breakdown[a.service] = {
      costUsd: microToUsd(usdToMicro(a.cost)),
      tokens: Number(a.tokens),
      events: Number(a.events),
    };
    byPeriod.set(key, breakdown);
  }
  const rows = run.map((p) => {
    const breakdown = byPeriod.get(p.start.getTime()) ?? {};
    const entries = Object.values(breakdown);
    const micro = entries.reduce((sum, e) => sum + usdToMicro(e.costUsd), 0n);
    return {
      tenantId,
      periodStart: p.start,
      periodEnd: periodEnd(kind, p.start),
      totalCostUsd: microToUsd(micro, 4),
      breakdown,
      eventCount: entries.reduce((sum, e) => sum + e.events, 0),
    };
  });
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const insert = tx.insert(costSummaries).values(batch);
    await (overwrite
      ? insert.onConflictDoUpdate({
          target: [costSummaries.tenantId, costSummaries.periodStart, costSummaries.periodEnd],
          set: {
            totalCostUsd: sql`excluded.total_cost_usd`,
            breakdown: sql`excluded.breakdown`,
            eventCount: sql`excluded.event_count`,
          },
        })
      : insert.onConflictDoNothing());
  }
  return rows.length;
}
