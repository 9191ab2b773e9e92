import { sql } from 'drizzle-orm';
import type { CostBreakdown, CostService, Tx } from '@platform/db';
import { costServices, tenantOf } from '@platform/db';
import { AppError } from '@platform/errors';
import { microToUsd, usdToMicro } from '../shared/money';
import type { Granularity, Period } from '../shared/periods';
import { periodStart, periodsOverlapping, spanSeconds } from '../shared/periods';
import { isoUtc, query } from '../shared/sql';

export interface CostSummaryInput {
  startDate: Date;
  /** Exclusive: [startDate, endDate). */
  endDate: Date;
  groupBy: Granularity;
}

export interface CostSummaryRow {
  periodStart: Date;
  service: CostService;
  /** Exact decimal USD, 6 places. */
  totalCostUsd: string;
  totalTokens: number;
  eventCount: number;
}

export interface CostSummaryOptions {
  /** false: aggregate every event (the benchmark's baseline, and a cross-check in tests). */
  useSummaries?: boolean;
}

/** Charts cover at most this many buckets (about 4 years of days). */
export const MAX_BUCKETS = 1500;

interface Cell {
  micro: bigint;
  tokens: number;
  events: number;
}

/**
 * Cost per period and service in [startDate, endDate), for the caller's tenant (RLS).
 *
 * Periods wholly inside the range that have a rollup row (`cost_summaries`) are read from it:
 * one row per period instead of every event. The rest — the open week or month, the clipped
 * first and last periods of a range that starts or ends mid-period — is read from day rows where
 * whole closed days allow, and only what is left (today, clipped days, periods the rollup has
 * not reached yet) is aggregated live from `cost_events` on the (tenant_id, timestamp) index.
 * Summary rows are exact and include late events (see late.ts), so the paths mix freely: the
 * answer equals aggregating every event (`useSummaries: false`), which the tests check.
 */
export async function getCostSummary(
  tx: Tx,
  input: CostSummaryInput,
  options: CostSummaryOptions = {},
): Promise<CostSummaryRow[]> {
  const { startDate, endDate, groupBy } = input;
  if (!(startDate < endDate)) throw new AppError('BAD_INPUT', 'startDate must be before endDate.');
  const periods = periodsOverlapping(groupBy, startDate, endDate);
  if (periods.length > MAX_BUCKETS) {
    throw new AppError(
      'BAD_INPUT',
      `That range has more than ${MAX_BUCKETS} ${groupBy}s; choose a coarser grouping.`,
    );
  }

  const cells = new Map<number, Map<CostService, Cell>>();
  await collect(tx, cells, groupBy, groupBy, startDate, endDate, options.useSummaries !== false);

  const rows: CostSummaryRow[] = [];
  for (const key of [...cells.keys()].sort((a, b) => a - b)) {
    for (const service of costServices) {
      const cell = cells.get(key)!.get(service);
      if (!cell) continue;
      rows.push({
        periodStart: new Date(key),
        service,
        totalCostUsd: microToUsd(cell.micro),
        totalTokens: cell.tokens,
        eventCount: cell.events,
      });
    }
  }
  return rows;
}

/**
 * Adds [from, to) to `cells`, bucketed by `bucket`: from `kind` summary rows where a whole period
 * has one, then, for weeks and months, from day rows for the rest (the open month is mostly
 * closed days), and only what remains from events.
 */
async function collect(
  tx: Tx,
  cells: Map<number, Map<CostService, Cell>>,
  kind: Granularity,
  bucket: Granularity,
  from: Date,
  to: Date,
  useSummaries: boolean,
): Promise<void> {
  const periods = periodsOverlapping(kind, from, to);
  const covered = new Set<number>();
  const whole = periods.filter((p) => p.start >= from && p.end <= to);
  if (useSummaries && whole.length > 0) {
    for (const row of await readSummaryRows(tx, kind, whole[0]!.start, whole.at(-1)!.start)) {
      const start = new Date(row.period_start);
      covered.add(start.getTime());
      const key = periodStart(bucket, start).getTime();
      for (const service of costServices) {
        const entry = row.breakdown[service];
        if (entry && entry.events > 0) {
          addCell(cells, key, service, {
            micro: usdToMicro(entry.costUsd),
            tokens: entry.tokens,
            events: entry.events,
          });
        }
      }
    }
  }
  for (const range of uncoveredRanges(periods, covered, from, to)) {
    if (useSummaries && kind !== 'day') {
      await collect(tx, cells, 'day', bucket, range.start, range.end, useSummaries);
      continue;
    }
    for (const row of await aggregateEvents(tx, bucket, range)) {
      addCell(cells, Date.parse(row.bucket), row.service, {
        micro: usdToMicro(row.cost),
        tokens: Number(row.tokens),
        events: Number(row.events),
      });
    }
  }
}

/** Total spend in micro-dollars over [from, to), through the same summary-plus-live path. */
export async function spendBetween(tx: Tx, from: Date, to: Date): Promise<bigint> {
  if (!(from < to)) return 0n;
  const rows = await getCostSummary(tx, { startDate: from, endDate: to, groupBy: 'day' });
  return rows.reduce((sum, r) => sum + usdToMicro(r.totalCostUsd), 0n);
}

function addCell(
  cells: Map<number, Map<CostService, Cell>>,
  key: number,
  service: CostService,
  add: Cell,
) {
  let byService = cells.get(key);
  if (!byService) cells.set(key, (byService = new Map()));
  const cell = byService.get(service);
  if (cell) {
    cell.micro += add.micro;
    cell.tokens += add.tokens;
    cell.events += add.events;
  } else {
    byService.set(service, { ...add });
  }
}

/** Contiguous spans of [from, to) not answered by a summary row, merged so each is one query. */
function uncoveredRanges(periods: Period[], covered: Set<number>, from: Date, to: Date): Period[] {
  const ranges: Period[] = [];
  for (const p of periods) {
    if (covered.has(p.start.getTime())) continue;
    const start = p.start < from ? from : p.start;
    const end = p.end > to ? to : p.end;
    const last = ranges.at(-1);
    if (last && last.end.getTime() === start.getTime()) last.end = end;
    else ranges.push({ start, end });
  }
  return ranges;
}

async function readSummaryRows(tx: Tx, kind: Granularity, firstStart: Date, lastStart: Date) {
  const [minSpan, maxSpan] = spanSeconds(kind);
  return query<{ period_start: string; breakdown: CostBreakdown }>(
    tx,
    sql`select ${isoUtc(sql`period_start`)} as period_start, breakdown
        from cost_summaries
        where tenant_id = ${tenantOf(tx)}::uuid -- RLS limits it anyway; named, Citus routes it
          and period_start >= ${firstStart.toISOString()}::timestamptz
          and period_start <= ${lastStart.toISOString()}::timestamptz
          and extract(epoch from period_end - period_start) between ${minSpan} and ${maxSpan}`,
  );
}

async function aggregateEvents(tx: Tx, kind: Granularity, range: Period) {
  return query<{
    bucket: string;
    service: CostService;
    cost: string;
    tokens: string;
    events: string;
  }>(
    tx,
    sql`select ${isoUtc(sql`date_trunc(${kind}, "timestamp", 'UTC')`)} as bucket, service,
               sum(cost_usd)::text as cost,
               coalesce(sum(tokens_used), 0)::text as tokens,
               count(*)::text as events
        from cost_events
        where tenant_id = ${tenantOf(tx)}::uuid -- RLS limits it anyway; named, Citus routes it
          and "timestamp" >= ${range.start.toISOString()}::timestamptz
          and "timestamp" < ${range.end.toISOString()}::timestamptz
        group by 1, 2`,
  );
}
