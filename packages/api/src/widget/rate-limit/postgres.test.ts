import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresRateLimiter } from './postgres';

let test: TestDatabase;
let clock = Date.UTC(2026, 10, 23, 12, 0, 0);

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.close();
});

describe('PostgresRateLimiter (fixed windows in rate_limit_counters)', () => {
  it('allows up to the limit in a window, refuses after with Retry-After, and recovers next window', async () => {
    const limiter = new PostgresRateLimiter(test.db, { now: () => clock });
    const rules = [{ key: 'ip:198.51.100.1', limit: 3 }];
    for (let i = 0; i < 3; i += 1)
      expect(await limiter.consume(rules, 60)).toEqual({ allowed: true });

    clock += 15_000; // 15 s into the 60 s window
    expect(await limiter.consume(rules, 60)).toEqual({
      allowed: false,
      retryAfterSeconds: 45,
      key: 'ip:198.51.100.1',
    });

    clock += 45_000; // the next window
    expect(await limiter.consume(rules, 60)).toEqual({ allowed: true });
  });

  it('refuses when any one of several keys is over its own limit', async () => {
    const limiter = new PostgresRateLimiter(test.db, { now: () => clock });
    const visitor = { key: 'visitor:a', limit: 2 };
    const widget = { key: 'widget:w', limit: 100 };
    await limiter.consume([visitor, widget], 60);
    await limiter.consume([visitor, widget], 60);
    const refused = await limiter.consume([visitor, widget], 60);
    expect(refused).toMatchObject({ allowed: false, key: 'visitor:a' });
    // Another visitor of the same widget is unaffected.
    expect(await limiter.consume([{ key: 'visitor:b', limit: 2 }, widget], 60)).toEqual({
      allowed: true,
    });
  });

  it('counts exactly under concurrency, as two processes sharing the table would', async () => {
    const a = new PostgresRateLimiter(test.db, { now: () => clock });
    const b = new PostgresRateLimiter(test.db, { now: () => clock });
    const rules = [{ key: 'ip:203.0.113.7', limit: 10 }];
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => (i % 2 ? a : b).consume(rules, 60)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    const [row] = await test.raw(`select count from rate_limit_counters where key = $1`, [
      'ip:203.0.113.7',
    ]);
    expect(row?.count).toBe(25);
  });

  it('sweeps windows that ended long ago', async () => {
    const limiter = new PostgresRateLimiter(test.db, { now: () => clock });
    await limiter.consume([{ key: 'old', limit: 5 }], 60);
    clock += 10 * 60_000;
    await limiter.consume([{ key: 'new', limit: 5 }], 60);
    const rows = await test.raw(`select key from rate_limit_counters where key in ('old', 'new')`);
    expect(rows.map((r) => r.key)).toEqual(['new']);
  });
});
