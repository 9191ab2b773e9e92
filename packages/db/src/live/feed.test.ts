import postgres from 'postgres';
import { describe, expect, test } from 'vitest';
import { readDbEnv } from '../env';
import { createListenFeed, createPollFeed, LIVE_CHANNEL } from './feed';
import { createLiveFeed } from './index';

describe('createLiveFeed', () => {
  test('polls on the embedded server (unset, or its URL as the stack sets it), listens on a real one', async () => {
    const modeFor = async (env: Record<string, string>) => {
      const feed = createLiveFeed(readDbEnv(env));
      await feed.close();
      return feed.mode;
    };
    expect(await modeFor({})).toBe('poll');
    expect(await modeFor({ DATABASE_URL: 'postgres://postgres@127.0.0.1:54329/postgres' })).toBe(
      'poll',
    );
    expect(await modeFor({ DATABASE_URL: 'postgres://app@db.internal:6432/platform' })).toBe(
      'listen',
    );
    expect(
      await modeFor({
        DATABASE_URL: 'postgres://app@db.internal:6432/platform',
        LIVE_DELIVERY: 'poll',
      }),
    ).toBe('poll');
  });
});

describe('poll feed', () => {
  test('wakes after the interval, or at once when the reader goes away', async () => {
    const feed = createPollFeed(40);
    const started = performance.now();
    await feed.wait('inbox:x', {});
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    const abort = new AbortController();
    const waiting = feed.wait('inbox:x', { signal: abort.signal });
    abort.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});

// LISTEN/NOTIFY needs a real server (the embedded one is a single session): run with
// TEST_DATABASE_URL=postgres://... (see README, "Production").
const url = process.env.TEST_DATABASE_URL;
describe.runIf(url)('listen feed (real Postgres)', () => {
  test('a waiter wakes when a transaction signalling its topic commits, not before, and not for a rollback', async () => {
    const feed = createListenFeed(url!);
    const writer = postgres(url!, { max: 1, prepare: false, onnotice: () => {} });
    try {
      let woke = false;
      const waiting = feed.wait('session:a', { maxMs: 10_000 }).then(() => (woke = true));
      await new Promise((r) => setTimeout(r, 200)); // LISTEN is on the wire
      await writer
        .begin(async (tx) => {
          await tx`select pg_notify(${LIVE_CHANNEL}, 'session:a')`;
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      await writer`select pg_notify(${LIVE_CHANNEL}, 'session:b')`;
      await new Promise((r) => setTimeout(r, 300));
      expect(woke).toBe(false);
      await writer.begin(async (tx) => {
        await tx`select pg_notify(${LIVE_CHANNEL}, 'session:a')`;
        await new Promise((r) => setTimeout(r, 200));
        expect(woke).toBe(false); // not before commit
      });
      await waiting;
      expect(woke).toBe(true);
    } finally {
      await writer.end();
      await feed.close();
    }
  });
});
