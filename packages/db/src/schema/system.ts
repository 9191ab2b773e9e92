import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { systemPolicy } from './columns';

/**
 * Not in the seed: platform state that belongs to no tenant. Only the system path touches it.
 */

/** Fixed-window counters for the public widget API; shared by every app process. */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), systemPolicy('rate_limit_counters')],
);

/** Webhook deliveries already applied, so a replay changes nothing. */
export const processedWebhooks = pgTable(
  'processed_webhooks',
  {
    id: text('id').primaryKey(),
    source: text('source').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [systemPolicy('processed_webhooks')],
);
