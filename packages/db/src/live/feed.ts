import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Tx } from '../client';

/**
 * Wake-ups across processes for live views (the widget's conversation with a person, the
 * dashboard's inbox). A topic names what changed, never its content: `session:<id>` or
 * `inbox:<tenantId>`. Readers always re-read the database (under RLS) after a wake-up, so a
 * wake-up carries no data and a spurious one costs one query.
 *
 * Two deliveries with the same visible behaviour:
 * - `listen`: Postgres LISTEN/NOTIFY. `signalChange` runs `pg_notify` inside the writing
 *   transaction, so listeners in every process wake when (and only if) it commits. LISTEN needs a
 *   session-level connection of its own: it cannot go through PgBouncer in transaction mode
 *   (DATABASE_LISTEN_URL names a direct connection).
 * - `poll`: the embedded server is ONE PGlite session behind every connection, so a LISTEN there
 *   would not be routed to the connection that asked; readers re-read every `intervalMs` instead.
 */
export const LIVE_CHANNEL = 'platform_live';

export const sessionTopic = (sessionId: string) => `session:${sessionId}`;
export const inboxTopic = (tenantId: string) => `inbox:${tenantId}`;

/** Call inside the transaction that made the change: the notification is sent at commit. */
export async function signalChange(tx: Tx, topics: readonly string[]): Promise<void> {
  for (const topic of new Set(topics)) {
    await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${topic})`);
  }
}

export interface LiveFeed {
  readonly mode: 'listen' | 'poll';
  /**
   * Resolves when `topic` may have changed: on a notification (listen) or after the poll interval
   * (poll); also after `maxMs` (listen: a safety net for notifications lost while reconnecting)
   * and as soon as `signal` aborts.
   */
  wait(topic: string, options: { signal?: AbortSignal; maxMs?: number }): Promise<void>;
  close(): Promise<void>;
}

export function createPollFeed(intervalMs: number): LiveFeed {
  return {
    mode: 'poll',
    wait: (_topic, { signal }) => sleep(intervalMs, signal),
    close: async () => {},
  };
}

/**
 * One dedicated connection per process (postgres.js keeps LISTEN on its own connection and
 * re-listens after a reconnect), fanned out to every local waiter of a topic.
 */
export function createListenFeed(url: string): LiveFeed {
  const client = postgres(url, { max: 1, prepare: false, onnotice: () => {} });
  const waiters = new Map<string, Set<() => void>>();
  let listening: Promise<unknown> | undefined;
  const start = () =>
    (listening ??= client.listen(LIVE_CHANNEL, (topic) => {
      const wake = waiters.get(topic);
      if (!wake) return;
      waiters.delete(topic);
      for (const resolve of wake) resolve();
    }));
  return {
    mode: 'listen',
    async wait(topic, { signal, maxMs = 15_000 }) {
      await start();
      if (signal?.aborted) return;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          waiters.get(topic)?.delete(done);
          resolve();
        };
        const timer = setTimeout(done, maxMs);
        signal?.addEventListener('abort', done, { once: true });
        const set = waiters.get(topic) ?? new Set();
        set.add(done);
        waiters.set(topic, set);
      });
    },
    close: () => client.end({ timeout: 5 }),
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
