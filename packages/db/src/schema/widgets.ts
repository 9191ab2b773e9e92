import { relations } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, primaryId, tenantPolicies, updatedAt } from './columns';
import { tenants } from './tenants';

export interface WidgetSettings {
  theme: 'light' | 'dark' | 'auto';
  position: 'bottom-right' | 'bottom-left';
  greeting?: string;
  primaryColor?: string;
  secondaryColor?: string;
  /** Personality answering on this widget; the tenant's default when unset. */
  personalityId?: string;
  /** Shown when a visitor asks for a person, e.g. "Mon-Fri 9:00-17:00 CET". */
  supportHours?: string;
  /** Shown while the visitor waits for a person. */
  awayMessage?: string;
}

export const widgets = pgTable(
  'widgets',
  {
    id: primaryId(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Allowed origins (scheme://host[:port]) that may embed the widget. */
    domainWhitelist: jsonb('domain_whitelist').$type<string[]>().notNull(),
    settings: jsonb('settings').$type<WidgetSettings>(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('widget_tenant_idx').on(t.tenantId), ...tenantPolicies('widgets', t.tenantId)],
);

export const widgetsRelations = relations(widgets, ({ one }) => ({
  tenant: one(tenants, { fields: [widgets.tenantId], references: [tenants.id] }),
}));
