import { relations, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import {
  check,
  decimal,
  foreignKey,
  index,
  type AnyPgColumn,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, englishLexemes, primaryId, tenantPolicies } from './columns';
import { meetings } from './meetings';
import { tenants } from './tenants';
import { widgets } from './widgets';

export const sessionModes = ['text', 'meeting'] as const;
export const messageRoles = ['user', 'assistant', 'system'] as const;
/**
 * Who wrote a message, derived (a generated column) from role and author: a team member's reply
 * is an `assistant`-role turn (so the model reads it as the conversation's own side after a
 * hand-back) with `author_id` set.
 */
export const messageAuthorKinds = ['visitor', 'assistant', 'person', 'system'] as const;

export interface SessionMetadata {
  userAgent?: string;
  ip?: string;
  country?: string;
  origin?: string;
  [key: string]: unknown;
}

export const sessions = pgTable(
  'sessions',
  {
    id: primaryId(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    widgetId: uuid('widget_id').references(() => widgets.id, { onDelete: 'set null' }),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    mode: text('mode', { enum: sessionModes }).notNull().default('text'),
    costUsd: decimal('cost_usd', { precision: 10, scale: 4 }).default('0'),
    metadata: jsonb('metadata').$type<SessionMetadata>(),
    createdAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('session_tenant_idx').on(t.tenantId),
    index('session_widget_idx').on(t.widgetId),
    index('session_meeting_idx').on(t.meetingId),
    index('session_created_at_idx').on(t.createdAt),
    // Target of messages' composite key: a message can only join a session of its own tenant.
    unique('sessions_id_tenant_unique').on(t.id, t.tenantId),
    check('sessions_mode_check', sql`${t.mode} in ('text', 'meeting')`),
    ...tenantPolicies('sessions', t.tenantId),
  ],
);

export interface MessageSource {
  chunkId: string;
  documentId: string;
  title: string;
  url?: string;
  excerpt: string;
}

export interface MessageMetadata {
  model?: string;
  tokensUsed?: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  latencyMs?: number;
  sources?: MessageSource[];
  status?: 'streaming' | 'complete' | 'failed';
  failureReason?: string;
  feedback?: 'up' | 'down';
  /** Whether retrieval found anything relevant to the question (see @platform/ai AnswerOutcome). */
  answerOutcome?: 'answered' | 'no-relevant-source' | 'not-a-question';
  /** A team member's reply: their display name when it was sent (kept if they leave). */
  authorName?: string;
  /** An invitation to a call: the guest's join link (/meetings/join?invite=...) and its expiry. */
  call?: { joinUrl: string; expiresAt: string };
}

export const messages = pgTable(
  'messages',
  {
    id: primaryId(),
    sessionId: uuid('session_id').notNull(),
    // Deviation: the seed scopes messages only through their session. A direct tenant column
    // makes the policy a plain compare; the composite key keeps it equal to the session's.
    tenantId: uuid('tenant_id').notNull(),
    role: text('role', { enum: messageRoles }).notNull(),
    content: text('content').notNull(),
    attachments:
      jsonb('attachments').$type<
        Array<{ type: 'image' | 'file'; url: string; name?: string; size?: number }>
      >(),
    metadata: jsonb('metadata').$type<MessageMetadata>(),
    timestamp: timestamp('timestamp', { withTimezone: true }).notNull().defaultNow(),
    /** Not in the seed: the team member who wrote it (no foreign key: see schema/handoff.ts). */
    authorId: uuid('author_id'),
    authorKind: text('author_kind', { enum: messageAuthorKinds })
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`case when author_id is not null then 'person' when role = 'user' then 'visitor' else role end`,
      ),
    /** Deviation: lexemes for the dashboard's conversation search (see englishLexemes). */
    contentTsv: englishLexemes('content_tsv', (): AnyPgColumn => messages.content),
  },
  (t) => [
    foreignKey({
      name: 'messages_session_tenant_fk',
      columns: [t.sessionId, t.tenantId],
      foreignColumns: [sessions.id, sessions.tenantId],
    }).onDelete('cascade'),
    index('message_session_idx').on(t.sessionId),
    index('message_timestamp_idx').on(t.timestamp),
    index('message_tenant_idx').on(t.tenantId),
    index('message_content_tsv_idx').using('gin', t.contentTsv),
    check('messages_role_check', sql`${t.role} in ('user', 'assistant', 'system')`),
    ...tenantPolicies('messages', t.tenantId),
  ],
);

export const sessionsRelations = relations(sessions, ({ one, many }) => ({
  tenant: one(tenants, { fields: [sessions.tenantId], references: [tenants.id] }),
  widget: one(widgets, { fields: [sessions.widgetId], references: [widgets.id] }),
  meeting: one(meetings, { fields: [sessions.meetingId], references: [meetings.id] }),
  messages: many(messages),
}));

export const messagesRelations = relations(messages, ({ one }) => ({
  session: one(sessions, { fields: [messages.sessionId], references: [sessions.id] }),
}));
