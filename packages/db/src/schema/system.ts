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

/**
 * Recent failed password attempts per key (an email digest, or a client address with an email
 * digest), for sign-in's growing delays. A row is forgotten once its period has passed.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    firstFailedAt: timestamp('first_failed_at', { withTimezone: true }).notNull(),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull(),
  },
  () => [systemPolicy('sign_in_failures')],
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
