import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantPolicies } from './columns';
import { sessions } from './chat';

/**
 * Not in the seed: live handoff from the assistant to a person (issue 16).
 *
 * One row per time a visitor asked for a person. The open row (released_at null) is the
 * conversation's current state: no row -> the assistant answers; claimed_by null -> waiting for a
 * person; claimed_by set -> held by that member, and the assistant stays quiet. Closed rows are
 * the history the insights (handoff rate per day and widget, time to claim) are computed from.
 *
 * The primary key and the open-row unique index lead with tenant_id so the table can be
 * distributed by tenant (Citus requires the distribution column in every unique constraint).
 * User ids carry no foreign key for the same reason (users is keyed by id alone); the inbox
 * left-joins them and shows a removed member as such.
 */
export const handoffReasons = ['visitor', 'offer', 'team'] as const;

export const handoffs = pgTable(
  'handoffs',
  {
    id: uuid('id').notNull().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    /** Copied from the session so per-widget rates need no join (the session keeps it too). */
    widgetId: uuid('widget_id'),
    /**
     * 'visitor': the "Talk to a person" action; 'offer': accepted after the assistant offered it;
     * 'team': a member took the conversation over without being asked.
     */
    reason: text('reason', { enum: handoffReasons }).notNull().default('visitor'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    claimedBy: uuid('claimed_by'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    releasedBy: uuid('released_by'),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'handoffs_pkey', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'handoffs_session_tenant_fk',
      columns: [t.sessionId, t.tenantId],
      foreignColumns: [sessions.id, sessions.tenantId],
    }).onDelete('cascade'),
    // At most one open handoff per conversation: a second request while one is open is a no-op.
    uniqueIndex('handoff_open_session_idx')
      .on(t.tenantId, t.sessionId)
      .where(sql`${t.releasedAt} is null`),
    index('handoff_tenant_requested_idx').on(t.tenantId, t.requestedAt),
    check('handoffs_reason_check', sql`${t.reason} in ('visitor', 'offer', 'team')`),
    check('handoffs_claim_pair_check', sql`(${t.claimedBy} is null) = (${t.claimedAt} is null)`),
    ...tenantPolicies('handoffs', t.tenantId),
  ],
);

/** Internal notes on a conversation: for the team only, never part of the visitor's transcript. */
export const conversationNotes = pgTable(
  'conversation_notes',
  {
    id: uuid('id').notNull().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    /** No foreign key: see `handoffs`. */
    authorId: uuid('author_id'),
    content: text('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'conversation_notes_pkey', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'conversation_notes_session_tenant_fk',
      columns: [t.sessionId, t.tenantId],
      foreignColumns: [sessions.id, sessions.tenantId],
    }).onDelete('cascade'),
    index('conversation_note_session_idx').on(t.tenantId, t.sessionId, t.createdAt),
    ...tenantPolicies('conversation_notes', t.tenantId),
  ],
);
