import { createLiveFeed } from '@platform/db';
import type { LiveFeed } from '@platform/db';

/**
 * The process's live feed (one LISTEN connection, or polling on the embedded server), shared by
 * the widget's live events and the dashboard's inbox. Created on first use; kept on globalThis so
 * dev-server reloads reuse it.
 */
const holder = globalThis as typeof globalThis & { __platformLive?: LiveFeed };

export function liveFeed(): LiveFeed {
  holder.__platformLive ??= createLiveFeed();
  return holder.__platformLive;
}
