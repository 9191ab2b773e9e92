import { relations, sql } from 'drizzle-orm';
import {
  boolean,
  decimal,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, primaryId, tenantPolicies, updatedAt } from './columns';
import { tenants } from './tenants';

export const aiPersonalities = pgTable(
  'ai_personalities',
  {
    id: primaryId(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    systemPrompt: text('system_prompt').notNull(),
    temperature: decimal('temperature', { precision: 3, scale: 2 }).notNull().default('0.7'),
    maxTokens: integer('max_tokens').default(2000),
    topP: decimal('top_p', { precision: 3, scale: 2 }).default('1.0'),
    frequencyPenalty: decimal('frequency_penalty', { precision: 3, scale: 2 }).default('0.0'),
    presencePenalty: decimal('presence_penalty', { precision: 3, scale: 2 }).default('0.0'),
    preferredModel: text('preferred_model'),
    isDefault: boolean('is_default').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    metadata: jsonb('metadata').$type<{
      tags?: string[];
      category?: string;
      usageStats?: { totalUses: number; avgTokens: number; avgCost: number };
    }>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('ai_personality_tenant_idx').on(t.tenantId),
    index('ai_personality_default_idx').on(t.tenantId, t.isDefault, t.isActive),
    // At most one default per tenant, enforced by the database.
    uniqueIndex('ai_personality_one_default_idx')
      .on(t.tenantId)
      .where(sql`${t.isDefault}`),
    ...tenantPolicies('ai_personalities', t.tenantId),
  ],
);

export const aiPersonalitiesRelations = relations(aiPersonalities, ({ one }) => ({
  tenant: one(tenants, { fields: [aiPersonalities.tenantId], references: [tenants.id] }),
}));
