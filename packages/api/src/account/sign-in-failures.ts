import { eq, inArray, lt, sql } from 'drizzle-orm';
import { signInFailures, type Database } from '@platform/db';

/** One counter of recent wrong passwords and how it grows its delay. */
export interface FailureRule {
  key: string;
  /** Failures allowed before delays start. */
  free: number;
  /** The longest delay. */
  maxDelaySeconds: number;
  /** Failures are forgotten this long after the first of them. */
  memorySeconds: number;
}

/** Seconds to wait after the latest failure: none for the first `free`, then 1, 2, 4, ... */
export function delayAfter(failures: number, free: number, maxDelaySeconds: number): number {
  return failures < free ? 0 : Math.min(maxDelaySeconds, 2 ** (failures - free));
}

const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Growing delays over `sign_in_failures` (system table, shared by every process): `waitFor`
 * says how long until the next attempt may be checked, `fail` counts a wrong password, `clear`
 * forgets a key after a success.
 */
export class SignInFailures {
  readonly #db: Database;
  readonly #now: () => number;
  #lastSweep = 0;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** Seconds until each rule's key may try again (0: now), in the order given. */
  async waitFor(rules: readonly FailureRule[]): Promise<number[]> {
    const rows = await this.#db.asSystem('rate-limit', (tx) =>
      tx
        .select()
        .from(signInFailures)
        .where(
          inArray(
            signInFailures.key,
            rules.map((r) => r.key),
          ),
        ),
    );
    const now = this.#now();
    return rules.map((rule) => {
      const row = rows.find((r) => r.key === rule.key);
      if (!row || row.firstFailedAt.getTime() < now - rule.memorySeconds * 1000) return 0;
      const until =
        row.lastFailedAt.getTime() +
        delayAfter(row.failures, rule.free, rule.maxDelaySeconds) * 1000;
      return Math.max(0, Math.ceil((until - now) / 1000));
    });
  }

  async fail(rules: readonly FailureRule[]): Promise<void> {
    const now = new Date(this.#now());
    const sweep = now.getTime() - this.#lastSweep > SWEEP_EVERY_MS;
    if (sweep) this.#lastSweep = now.getTime();
    await this.#db.asSystem('rate-limit', async (tx) => {
      for (const rule of rules) {
        // Past its memory a row starts over, as if it were new.
        const stale = sql`${signInFailures.firstFailedAt} < ${new Date(now.getTime() - rule.memorySeconds * 1000).toISOString()}::timestamptz`;
        await tx
          .insert(signInFailures)
          .values({ key: rule.key, failures: 1, firstFailedAt: now, lastFailedAt: now })
          .onConflictDoUpdate({
            target: signInFailures.key,
            set: {
              failures: sql`case when ${stale} then 1 else ${signInFailures.failures} + 1 end`,
              firstFailedAt: sql`case when ${stale} then excluded.first_failed_at else ${signInFailures.firstFailedAt} end`,
              lastFailedAt: sql`excluded.last_failed_at`,
            },
          });
      }
      if (sweep) {
        const longest = Math.max(...rules.map((r) => r.memorySeconds));
        await tx
          .delete(signInFailures)
          .where(lt(signInFailures.lastFailedAt, new Date(now.getTime() - longest * 1000)));
      }
    });
  }

  async clear(key: string): Promise<void> {
    await this.#db.asSystem('rate-limit', (tx) =>
      tx.delete(signInFailures).where(eq(signInFailures.key, key)),
    );
  }
}
