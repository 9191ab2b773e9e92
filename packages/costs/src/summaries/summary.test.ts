import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CostService, Tx } from '@platform/db';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import type { AppError } from '@platform/errors';
import { recordCostEvent } from '../events/record';
import type { Granularity } from '../shared/periods';
import { makeTenant } from '../test/fixtures';
import { rollupCostSummaries } from './rollup';
import { getCostSummary } from './summary';

const NOW = new Date('2026-11-23T12:00:00Z');
const HOUR = 3_600_000;

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const kinds: {
  service: CostService;
  provider: string;
  model: string;
  units: Record<string, number>;
}[] = [
  {
    service: 'llm',
    provider: 'openai',
    model: 'gpt-4o-mini',
    units: { inputTokens: 1234, outputTokens: 321 },
  },
  { service: 'embedding', provider: 'voyage', model: 'voyage-3', units: { embeddingTokens: 777 } },
  { service: 'voice_stt', provider: 'deepgram', model: 'nova-3', units: { audioMinutes: 0.75 } },
  { service: 'livekit', provider: 'livekit', model: 'cloud', units: { participantMinutes: 3 } },
];

/** ~200 events from 2026-08-20 to just before NOW, every 9.7 hours, cycling through services. */
async function seedHistory(tenantId: string) {
  await t.db.withTenant(tenantId, async (tx) => {
    for (
      let at = Date.parse('2026-08-20T03:00:00Z'), i = 0;
      at < NOW.getTime();
      at += 9.7 * HOUR, i++
    ) {
      await recordCostEvent(tx, { tenantId, ...kinds[i % kinds.length]!, at: new Date(at) });
    }
  });
}

const summary = (
  tenantId: string,
  groupBy: Granularity,
  startDate: Date,
  endDate: Date,
  useSummaries = true,
) =>
  t.db.withTenant(tenantId, (tx: Tx) =>
    getCostSummary(tx, { startDate, endDate, groupBy }, { useSummaries }),
  );

const rowsOf = (tenantId: string) =>
  t.raw(
    `select period_start, period_end, total_cost_usd, breakdown, event_count from cost_summaries
     where tenant_id = $1 order by period_start, period_end`,
    [tenantId],
  );

async function expectMatchesLive(tenantId: string) {
  const ranges: [Granularity, Date, Date][] = [
    ['day', new Date('2026-08-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z')],
    ['week', new Date('2026-08-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z')],
    ['month', new Date('2026-08-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z')],
    // starts and ends mid-period: the clipped edges must come from events, not whole-period rows
    ['month', new Date('2026-09-10T07:00:00Z'), new Date('2026-11-05T13:00:00Z')],
    ['week', new Date('2026-09-10T07:00:00Z'), new Date('2026-11-05T13:00:00Z')],
  ];
  for (const [groupBy, from, to] of ranges) {
    expect(await summary(tenantId, groupBy, from, to)).toEqual(
      await summary(tenantId, groupBy, from, to, false),
    );
  }
}

describe('getCostSummary', () => {
  test('groups by period and service with exact totals', async () => {
    const { tenantId } = await makeTenant(t.db);
    await t.db.withTenant(tenantId, async (tx) => {
      for (const at of ['2026-11-02T10:00:00Z', '2026-11-02T23:59:59Z', '2026-11-03T00:00:00Z']) {
        await recordCostEvent(tx, { tenantId, ...kinds[0]!, at: new Date(at) });
      }
      await recordCostEvent(tx, { tenantId, ...kinds[1]!, at: new Date('2026-11-02T12:00:00Z') });
    });
    const rows = await summary(
      tenantId,
      'day',
      new Date('2026-11-01T00:00:00Z'),
      new Date('2026-11-04T00:00:00Z'),
    );
    // 1234 * 0.15 + 321 * 0.6 = 185.1 + 192.6 = 377.7 -> 378 micro-dollars per LLM event
    expect(rows).toEqual([
      {
        periodStart: new Date('2026-11-02T00:00:00Z'),
        service: 'llm',
        totalCostUsd: '0.000756',
        totalTokens: 3110,
        eventCount: 2,
      },
      {
        periodStart: new Date('2026-11-02T00:00:00Z'),
        service: 'embedding',
        totalCostUsd: '0.000047',
        totalTokens: 777,
        eventCount: 1,
      },
      {
        periodStart: new Date('2026-11-03T00:00:00Z'),
        service: 'llm',
        totalCostUsd: '0.000378',
        totalTokens: 1555,
        eventCount: 1,
      },
    ]);
  });

  test('rejects reversed ranges and too many buckets', async () => {
    const { tenantId } = await makeTenant(t.db);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'none',
        (e: unknown) => (e as AppError).code,
      );
    expect(await code(summary(tenantId, 'day', NOW, new Date(NOW.getTime() - 1)))).toBe(
      'BAD_INPUT',
    );
    expect(await code(summary(tenantId, 'day', new Date('2010-01-01T00:00:00Z'), NOW))).toBe(
      'BAD_INPUT',
    );
  });
});

describe('rollup', () => {
  test('summaries give the same answer as raw events, for every grouping and clipped ranges', async () => {
    const { tenantId } = await makeTenant(t.db);
    await seedHistory(tenantId);
    await expectMatchesLive(tenantId); // nothing rolled up yet: all live
    const result = await rollupCostSummaries(t.db, { now: NOW });
    expect(result.rowsWritten).toBeGreaterThan(0);
    const rows = (await rowsOf(tenantId)).map((r) => ({
      start: new Date(String(r.period_start)),
      end: new Date(String(r.period_end)),
    }));
    const span = (r: { start: Date; end: Date }) => r.end.getTime() - r.start.getTime();
    // days 2026-08-20 .. 2026-11-22, ISO weeks from Mon 2026-08-17 to the one ending 2026-11-23, Aug..Oct
    expect(rows.filter((r) => span(r) === 86_400_000)).toHaveLength(95);
    expect(rows.filter((r) => span(r) === 7 * 86_400_000)).toHaveLength(14);
    expect(rows.filter((r) => span(r) > 7 * 86_400_000)).toHaveLength(3);
    await expectMatchesLive(tenantId);
  });

  test('is idempotent: a second run writes nothing and changes no row', async () => {
    const { tenantId } = await makeTenant(t.db);
    await seedHistory(tenantId);
    await rollupCostSummaries(t.db, { now: NOW });
    const before = JSON.stringify(await rowsOf(tenantId));
    const again = await rollupCostSummaries(t.db, { now: NOW });
    expect(again.rowsWritten).toBe(0);
    expect(JSON.stringify(await rowsOf(tenantId))).toBe(before);
    // A forced rebuild of everything produces the same rows too.
    await rollupCostSummaries(t.db, { now: NOW, rebuildFrom: new Date('2026-01-01T00:00:00Z') });
    expect(JSON.stringify(await rowsOf(tenantId))).toBe(before);
  });

  test('closed periods are read from summaries, not events', async () => {
    const { tenantId } = await makeTenant(t.db);
    await seedHistory(tenantId);
    await rollupCostSummaries(t.db, { now: NOW });
    // Tamper with one month's row as superuser: the summary answer must follow the row.
    await t.raw(
      `update cost_summaries set breakdown = '{"llm": {"costUsd": "42.000000", "tokens": 1, "events": 1}}'
       where tenant_id = $1 and period_start = '2026-09-01T00:00:00Z' and period_end = '2026-10-01T00:00:00Z'`,
      [tenantId],
    );
    const rows = await summary(
      tenantId,
      'month',
      new Date('2026-09-01T00:00:00Z'),
      new Date('2026-10-01T00:00:00Z'),
    );
    expect(rows).toEqual([
      {
        periodStart: new Date('2026-09-01T00:00:00Z'),
        service: 'llm',
        totalCostUsd: '42.000000',
        totalTokens: 1,
        eventCount: 1,
      },
    ]);
  });

  test('late events update rolled-up periods at once, and periods before the first event get rolled up', async () => {
    const { tenantId, sessionId } = await makeTenant(t.db);
    await seedHistory(tenantId);
    await rollupCostSummaries(t.db, { now: NOW });
    const late = async (at: string, service = kinds[2]!) =>
      t.db.withTenant(tenantId, (tx) =>
        recordCostEvent(tx, { tenantId, sessionId, ...service, at: new Date(at) }),
      );
    // Into a period with rows (day, week and month of 2026-10-14), twice, and a new service there.
    await late('2026-10-14T08:00:00Z');
    await late('2026-10-14T09:00:00Z', kinds[0]);
    await late('2026-10-14T10:00:00Z', {
      service: 'voice_tts',
      provider: 'openai',
      model: 'tts-1',
      units: { characters: 4000 },
    });
    const october = await rowsOf(tenantId).then((rows) =>
      rows.filter(
        (r) =>
          new Date(String(r.period_start)).toISOString() === '2026-10-01T00:00:00.000Z' &&
          new Date(String(r.period_end)).toISOString() === '2026-11-01T00:00:00.000Z',
      ),
    );
    expect(october).toHaveLength(1);
    expect((october[0]!.breakdown as Record<string, unknown>).voice_tts).toEqual({
      costUsd: '0.060000',
      tokens: 0,
      events: 1,
    });
    await expectMatchesLive(tenantId);
    // Before anything rolled up: live until the next rollup writes those periods.
    await late('2026-07-30T08:00:00Z');
    await expectMatchesLive(tenantId);
    const next = await rollupCostSummaries(t.db, { now: NOW });
    expect(next.rowsWritten).toBeGreaterThan(0);
    await expectMatchesLive(tenantId);
    expect((await rollupCostSummaries(t.db, { now: NOW })).rowsWritten).toBe(0);
  });

  test('the open period is not rolled up until it has been closed for a while', async () => {
    const { tenantId } = await makeTenant(t.db);
    await t.db.withTenant(tenantId, (tx) =>
      recordCostEvent(tx, { tenantId, ...kinds[0]!, at: new Date('2026-11-22T23:58:00Z') }),
    );
    await rollupCostSummaries(t.db, { now: new Date('2026-11-23T00:05:00Z') });
    expect(await rowsOf(tenantId)).toHaveLength(0);
    await rollupCostSummaries(t.db, { now: new Date('2026-11-23T00:11:00Z') });
    // 2026-11-22 is a Sunday: its day and its ISO week closed at midnight; the month is open.
    expect(await rowsOf(tenantId)).toHaveLength(2);
  });
});
