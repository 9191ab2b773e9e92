import { lt, sql } from 'drizzle-orm';
import type { Database } from '@platform/db';
import { rateLimitCounters } from '@platform/db';
import { fixedWindow } from './types';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from './types';

export interface PostgresRateLimiterOptions {
  /** Injected clock (ms) so tests can step through windows without sleeping. */
  now?: () => number;
}

/**
 * Counters in `rate_limit_counters`, so limits hold across processes. One statement per request:
 * a multi-row `INSERT ... ON CONFLICT DO UPDATE SET count = count + 1 RETURNING`, atomic per row
 * under concurrency. Old windows are swept at most once per window per process.
 */
export class PostgresRateLimiter implements RateLimiter {
  readonly #db: Database;
  readonly #now: () => number;
  #lastSweep = 0;

  constructor(db: Database, options: PostgresRateLimiterOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
  }

  async consume(
    rules: readonly RateLimitRule[],
    windowSeconds: number,
  ): Promise<RateLimitDecision> {
    const limits = new Map<string, number>();
    for (const rule of rules)
      limits.set(rule.key, Math.min(limits.get(rule.key) ?? Infinity, rule.limit));
    if (limits.size === 0) return { allowed: true };

    const nowMs = this.#now();
    const window = fixedWindow(nowMs, windowSeconds);
    const sweep = nowMs - this.#lastSweep > windowSeconds * 1000;
    if (sweep) this.#lastSweep = nowMs;

    const counts = await this.#db.asSystem('rate-limit', async (tx) => {
      const rows = await tx
        .insert(rateLimitCounters)
        .values([...limits.keys()].map((key) => ({ key, windowStart: window.start, count: 1 })))
        .onConflictDoUpdate({
          target: [rateLimitCounters.key, rateLimitCounters.windowStart],
          set: { count: sql`${rateLimitCounters.count} + 1` },
        })
        .returning({ key: rateLimitCounters.key, count: rateLimitCounters.count });
      if (sweep) {
        const expired = new Date(window.start.getTime() - windowSeconds * 1000);
        await tx.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, expired));
      }
      return rows;
    });

    for (const { key, count } of counts) {
      if (count > (limits.get(key) ?? Infinity)) {
        return { allowed: false, retryAfterSeconds: window.retryAfterSeconds, key };
      }
    }
    return { allowed: true };
  }
}
