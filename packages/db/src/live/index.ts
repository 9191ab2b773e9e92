import { embeddedDatabaseUrl, readDbEnv } from '../env';
import type { DbEnv } from '../env';
import { createListenFeed, createPollFeed } from './feed';
import type { LiveFeed } from './feed';

export * from './feed';

/**
 * The feed this deployment uses: LISTEN/NOTIFY on a real server (over DATABASE_LISTEN_URL, else
 * DATABASE_URL), polling on the embedded one (DATABASE_URL unset or its URL; `pnpm dev` and the
 * test stack also set LIVE_DELIVERY=poll when they start it); LIVE_DELIVERY overrides the choice.
 */
export function createLiveFeed(env: DbEnv = readDbEnv()): LiveFeed {
  const embedded = !env.DATABASE_URL || env.DATABASE_URL === embeddedDatabaseUrl(env);
  const mode = env.LIVE_DELIVERY ?? (embedded ? 'poll' : 'listen');
  if (mode === 'poll') return createPollFeed(env.LIVE_POLL_MS);
  const url = env.DATABASE_LISTEN_URL ?? env.DATABASE_URL;
  if (!url) throw new Error('LIVE_DELIVERY=listen needs DATABASE_LISTEN_URL or DATABASE_URL.');
  return createListenFeed(url);
}
