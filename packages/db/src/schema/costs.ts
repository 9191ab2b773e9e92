import { relations, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  decimal,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, primaryId, tenantPolicies } from './columns';
import { sessions } from './chat';
import { tenants } from './tenants';

export const costServices = [
  'vision',
  'voice_stt',
  'voice_tts',
  'llm',
  'embedding',
  'livekit',
] as const;
export type CostService = (typeof costServices)[number];
export const budgetPeriods = ['daily', 'weekly', 'monthly'] as const;
export type BudgetPeriod = (typeof budgetPeriods)[number];
export const alertSeverities = ['warning', 'critical'] as const;

export const costEvents = pgTable(
  'cost_events',
  {
    id: primaryId(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    service: text('service', { enum: costServices }).notNull(),
    provider: text('provider'),
    tokensUsed: integer('tokens_used'),
    costUsd: decimal('cost_usd', { precision: 10, scale: 6 }).notNull(),
    metadata: jsonb('metadata').$type<{
      model?: string;
      operation?: string;
      duration?: number;
      units?: Record<string, number>;
      priceVersion?: string;
      [key: string]: unknown;
    }>(),
    timestamp: timestamp('timestamp', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cost_tenant_timestamp_idx').on(t.tenantId, t.timestamp),
    index('cost_session_idx').on(t.sessionId),
    check(
      'cost_events_service_check',
      sql`${t.service} in ('vision', 'voice_stt', 'voice_tts', 'llm', 'embedding', 'livekit')`,
    ),
    ...tenantPolicies('cost_events', t.tenantId),
  ],
);

/**
 * One service's share of a summary period. Deviation from the seed (`Record<service, number>`):
 * the amount is an exact decimal string (never a float), and tokens and event counts are kept
 * per service so the dashboard can stack any of them without reading events.
 */
export interface CostBreakdownEntry {
  costUsd: string;
  tokens: number;
  events: number;
}
export type CostBreakdown = Partial<Record<CostService, CostBreakdownEntry>>;

export const costSummaries = pgTable(
  'cost_summaries',
  {
    id: primaryId(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    totalCostUsd: decimal('total_cost_usd', { precision: 10, scale: 4 }).notNull(),
    breakdown: jsonb('breakdown').$type<CostBreakdown>().notNull(),
    eventCount: integer('event_count').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('cost_summary_tenant_period_idx').on(t.tenantId, t.periodStart, t.periodEnd),
    // One row per tenant and period makes the rollup an idempotent upsert.
    unique('cost_summaries_period_unique').on(t.tenantId, t.periodStart, t.periodEnd),
    ...tenantPolicies('cost_summaries', t.tenantId),
  ],
);

export const budgetAlerts = pgTable(
  'budget_alerts',
  {
    id: primaryId(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    threshold: decimal('threshold', { precision: 10, scale: 2 }).notNull(),
    currentSpend: decimal('current_spend', { precision: 10, scale: 4 }).notNull(),
    period: text('period', { enum: budgetPeriods }).notNull().default('monthly'),
    severity: text('severity', { enum: alertSeverities }).notNull().default('warning'),
    notificationsSent: integer('notifications_sent').notNull().default(0),
    triggeredAt: timestamp('triggered_at', { withTimezone: true }).notNull().defaultNow(),
    resolved: boolean('resolved').notNull().default(false),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    metadata: jsonb('metadata').$type<{
      recipients?: string[];
      channels?: string[];
      customMessage?: string;
      periodStart?: string;
    }>(),
  },
  (t) => [
    index('budget_alert_tenant_idx').on(t.tenantId),
    index('budget_alert_active_idx').on(t.tenantId, t.resolved),
    index('budget_alert_triggered_idx').on(t.triggeredAt),
    // One alert per threshold, severity and period, even when many writers cross it at once.
    uniqueIndex('budget_alert_dedupe_idx').on(
      t.tenantId,
      t.period,
      t.severity,
      t.threshold,
      sql`(${t.metadata} ->> 'periodStart')`,
    ),
    check('budget_alerts_period_check', sql`${t.period} in ('daily', 'weekly', 'monthly')`),
    check('budget_alerts_severity_check', sql`${t.severity} in ('warning', 'critical')`),
    ...tenantPolicies('budget_alerts', t.tenantId),
  ],
);

/**
 * Not in the seed: money set aside for AI calls in flight, so concurrent calls cannot all pass
 * the spending cap check (packages/costs `reserveBudget`). A row lives from the check until the
 * call's cost event is recorded (settle) or the call fails (release); `expires_at` lets a crashed
 * process's reservations lapse on their own.
 */
export const budgetReservations = pgTable(
  'budget_reservations',
  {
    id: primaryId(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    amountMicroUsd: bigint('amount_micro_usd', { mode: 'bigint' }).notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('budget_reservation_tenant_expires_idx').on(t.tenantId, t.expiresAt),
    check('budget_reservations_amount_check', sql`${t.amountMicroUsd} >= 0`),
    ...tenantPolicies('budget_reservations', t.tenantId),
  ],
);

export const costEventsRelations = relations(costEvents, ({ one }) => ({
  tenant: one(tenants, { fields: [costEvents.tenantId], references: [tenants.id] }),
  session: one(sessions, { fields: [costEvents.sessionId], references: [sessions.id] }),
}));

export const costSummariesRelations = relations(costSummaries, ({ one }) => ({
  tenant: one(tenants, { fields: [costSummaries.tenantId], references: [tenants.id] }),
}));

export const budgetAlertsRelations = relations(budgetAlerts, ({ one }) => ({
  tenant: one(tenants, { fields: [budgetAlerts.tenantId], references: [tenants.id] }),
}));
