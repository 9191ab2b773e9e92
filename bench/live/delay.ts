import { createListenFeed, createPollFeed, LIVE_CHANNEL, readDbEnv } from '@platform/db';
import type { LiveFeed } from '@platform/db';
import postgres from 'postgres';
import { openBenchTarget } from '../src/db/target';
import { median, percentile } from '../src/stats';

const SAMPLES = 20;
const TOPIC = 'session:bench';

/**
 * How long a change takes to reach a live view in another process: from the writer's COMMIT
 * returning to the reader having re-read (one small query), as the widget's live events and the
 * dashboard's inbox do. Poll mode on the embedded server (LIVE_POLL_MS, default 500 ms); LISTEN/
 * NOTIFY on a real server when BENCH_DATABASE_URL is set.
 */
export async function runLiveDelayBench(): Promise<void> {
  const target = await openBenchTarget();
  const listen = Boolean(process.env.BENCH_DATABASE_URL);
  const feed: LiveFeed = listen
    ? createListenFeed(target.url)
    : createPollFeed(readDbEnv().LIVE_POLL_MS);
  const reader = postgres(target.url, { max: 1, prepare: false, onnotice: () => {} });
  const writer = postgres(target.url, { max: 1, prepare: false, onnotice: () => {} });
  try {
    const delays: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      let committedAt = 0;
      // The reader: wait for a wake-up, re-read, until it has seen the commit.
      const seen = (async () => {
        for (;;) {
          await feed.wait(TOPIC, { maxMs: 10_000 });
          const afterCommit = committedAt !== 0; // a read started before it cannot see it
          await reader`select 1`;
          if (afterCommit) return performance.now() - committedAt;
        }
      })();
      // A random moment, so commits fall anywhere in the poll interval.
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 2500));
      await writer.begin(async (tx) => {
        await tx`select pg_notify(${LIVE_CHANNEL}, ${TOPIC})`;
      });
      committedAt = performance.now();
      delays.push(await seen);
    }
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    console.log(
      `live delivery (${feed.mode}, ${target.label}): commit -> re-read in another connection, ` +
        `${SAMPLES} samples: median ${ms(median(delays))}, p95 ${ms(percentile(delays, 95))}, ` +
        `max ${ms(Math.max(...delays))}`,
    );
  } finally {
    await reader.end();
    await writer.end();
    await feed.close();
    await target.stop();
  }
}
