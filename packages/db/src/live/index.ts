import { readDbEnv } from '../env';
import type { DbEnv } from '../env';
import { createListenFeed, createPollFeed } from './feed';
import type { LiveFeed } from './feed';

export * from './feed';

/**
 * The feed this deployment uses: LISTEN/NOTIFY on a real server (over DATABASE_LISTEN_URL, else
 * DATABASE_URL), polling on the embedded one; LIVE_DELIVERY overrides the choice.
 */
export function createLiveFeed(env: DbEnv = readDbEnv()): LiveFeed {
  const mode = env.LIVE_DELIVERY ?? (env.DATABASE_URL ? 'listen' : 'poll');
  if (mode === 'poll') return createPollFeed(env.LIVE_POLL_MS);
  const url = env.DATABASE_LISTEN_URL ?? env.DATABASE_URL;
  if (!url) throw new Error('LIVE_DELIVERY=listen needs DATABASE_LISTEN_URL or DATABASE_URL.');
  return createListenFeed(url);
}
