import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { connectPostgres, createTenantWithOwner } from '@platform/db';
import type { Granularity } from '@platform/costs';
import { getCostSummary, periodStart, reserveBudget, rollupCostSummaries } from '@platform/costs';
import { openBenchTarget } from '../src/db/target';
import { median, percentile } from '../src/stats';
import { benchEnv } from './env';

const EVENTS = benchEnv.BENCH_COST_EVENTS;
const ROUNDS = benchEnv.BENCH_ROUNDS;
const DAY_MS = 86_400_000;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

const fmt = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;

/**
 * Cost summary over a year of 1M events: through the rollups (summary rows for closed periods,
 * live events only for today) against the same query aggregating every event, side by side on
 * the same server and data. Rows are generated in SQL (INSERT ... SELECT generate_series).
 */
export async function runCostsBench(): Promise<void> {
  const target = await openBenchTarget();
  const db = connectPostgres(target.appUrl, { max: 4 });
  const admin = postgres(target.url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const { tenant } = await createTenantWithOwner(db, {
      tenantName: 'Costs bench',
      email: `costs-bench-${randomUUID()}@bench.test`,
      settings: { maxMonthlySpend: 1_000_000, budgets: { daily: 100_000 } },
    });
    const now = new Date();
    // A year of events ending a minute ago: one every 31.5 s, cycling through services.
    const spacingSeconds = (365 * 86_400) / EVENTS;
    const [, generateMs] = await timed(async () => {
      for (let offset = 0; offset < EVENTS; offset += 100_000) {
        const count = Math.min(100_000, EVENTS - offset);
        await admin.unsafe(
          `insert into cost_events (tenant_id, service, provider, tokens_used, cost_usd, "timestamp")
           select $1::uuid,
                  (array['llm','llm','llm','embedding','voice_stt','livekit'])[1 + i % 6],
                  'bench', 500 + i % 1000,
                  ((1 + (i::bigint * 7919) % 2000) / 1000000.0)::numeric(10, 6),
                  $2::timestamptz - make_interval(secs => 60 + i * $3::float8)
           from generate_series($4::int, $5::int) as i`,
          [tenant.id, now.toISOString(), spacingSeconds, offset + 1, offset + count],
        );
      }
      await admin.unsafe('analyze cost_events');
    });
    const [rollup, rollupMs] = await timed(() => rollupCostSummaries(db, { now }));
    const [again, againMs] = await timed(() => rollupCostSummaries(db, { now }));
    await admin.unsafe('analyze cost_summaries');

    console.log(
      `\n## Cost summary over ${EVENTS.toLocaleString('en')} events (one tenant, one year), ${target.label}`,
    );
    console.log(`  generate events (SQL generate_series)  ${fmt(generateMs)}`);
    console.log(`  first rollup (${rollup.rowsWritten} summary rows)       ${fmt(rollupMs)}`);
    console.log(`  second rollup (${again.rowsWritten} rows written)        ${fmt(againMs)}`);

    const endDate = new Date(periodStart('day', now).getTime() + DAY_MS);
    const startDate = new Date(endDate.getTime() - 365 * DAY_MS);
    const run = (groupBy: Granularity, useSummaries: boolean) =>
      db.withTenant(tenant.id, (tx) =>
        getCostSummary(tx, { startDate, endDate, groupBy }, { useSummaries }),
      );

    console.log(
      `  getCostSummary, last 365 days (median / p95 of ${ROUNDS}; target <= 100 ms through rollups):`,
    );
    console.log(`    groupBy   through rollups           all events (no rollups)     speed-up`);
    for (const groupBy of ['day', 'week', 'month'] as const) {
      const a = await run(groupBy, true);
      const b = await run(groupBy, false);
      if (JSON.stringify(a) !== JSON.stringify(b))
        throw new Error(`summary and live answers differ for ${groupBy}`);
      const withRollups: number[] = [];
      const without: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        withRollups.push((await timed(() => run(groupBy, true)))[1]);
        without.push((await timed(() => run(groupBy, false)))[1]);
      }
      const m1 = median(withRollups);
      const m2 = median(without);
      console.log(
        `    ${groupBy.padEnd(8)}${fmt(m1)} / ${fmt(percentile(withRollups, 95))}   ${fmt(m2)} / ${fmt(percentile(without, 95))}   ${(m2 / m1).toFixed(0).padStart(6)}x   (${a.length} rows)`,
      );
    }

    // The check in front of every AI call: month-to-date spend (summaries + today) + reservations.
    const reserveTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const [reservation, ms] = await timed(() => reserveBudget(db, tenant.id, 1000));
      reserveTimes.push(ms);
      await reservation.release();
    }
    console.log(
      `  reserveBudget with ~${Math.round(EVENTS / 12).toLocaleString('en')} events this month   ${fmt(median(reserveTimes))} median, ${fmt(percentile(reserveTimes, 95))} p95`,
    );
  } finally {
    await admin.end({ timeout: 5 });
    await db.close();
    await target.stop();
  }
}
