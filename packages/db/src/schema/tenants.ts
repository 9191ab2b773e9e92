import { relations, sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, primaryId, tenantPolicies, updatedAt } from './columns';

export const tenantPlans = ['starter', 'growth', 'business', 'enterprise'] as const;
export const userRoles = ['owner', 'admin', 'member'] as const;
export type UserRole = (typeof userRoles)[number];

export interface BudgetThresholds {
  daily?: number;
  weekly?: number;
  monthly?: number;
  /** Fractions of a threshold at which alerts fire, e.g. 0.8 (warning) and 1 (critical). */
  warningAt?: number;
}

export interface TenantSettings {
  maxMonthlySpend?: number;
  allowedDomains?: string[];
  features?: string[];
  budgets?: BudgetThresholds;
  /** Budget alerts are POSTed here, signed with the tenant's webhook secret. */
  alertWebhookUrl?: string;
  /** Least role that may claim a conversation waiting for a person (default: any member). */
  handoffClaimRole?: UserRole;
}

export const tenants = pgTable(
  'tenants',
  {
    id: primaryId(),
    name: text('name').notNull(),
    // Deviation: holds the SHA-256 of a random 256-bit key, never the key itself (shown once).
    apiKey: text('api_key').notNull().unique(),
    plan: text('plan', { enum: tenantPlans }).notNull().default('starter'),
    settings: jsonb('settings').$type<TenantSettings>(),
    stripeCustomerId: text('stripe_customer_id').unique(),
    stripeSubscriptionId: text('stripe_subscription_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('tenant_api_key_idx').on(t.apiKey),
    check('tenants_plan_check', sql`${t.plan} in ('starter', 'growth', 'business', 'enterprise')`),
    ...tenantPolicies('tenants', t.id),
  ],
);

export const users = pgTable(
  'users',
  {
    id: primaryId(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    // Stored lower-cased so sign-in is case-insensitive without a functional index.
    email: text('email').notNull().unique(),
    // Deviation: nullable, since OAuth users have no password. scrypt, never bare SHA-256.
    passwordHash: text('password_hash'),
    role: text('role', { enum: userRoles }).notNull().default('member'),
    name: text('name'),
    // Auth.js reads the avatar as `image`; the column keeps the seed's name.
    image: text('avatar_url'),
    // Auth.js adapter column the seed lacks.
    emailVerified: timestamp('email_verified', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('user_email_idx').on(t.email),
    index('user_tenant_idx').on(t.tenantId),
    // The target of accounts' and auth_sessions' (user_id, tenant_id) keys (migration 0014).
    unique('users_id_tenant_unique').on(t.id, t.tenantId),
    check('users_role_check', sql`${t.role} in ('owner', 'admin', 'member')`),
    ...tenantPolicies('users', t.tenantId),
  ],
);

/**
 * Not in the seed: team invitations (issue "API and sign-in"). The token is stored hashed;
 * the link carrying it is shown once to the inviting admin.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: primaryId(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: userRoles }).notNull().default('member'),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('invitation_tenant_idx').on(t.tenantId),
    check('invitations_role_check', sql`${t.role} in ('owner', 'admin', 'member')`),
    ...tenantPolicies('invitations', t.tenantId),
  ],
);

export const tenantsRelations = relations(tenants, ({ many }) => ({
  users: many(users),
}));

export const usersRelations = relations(users, ({ one }) => ({
  tenant: one(tenants, { fields: [users.tenantId], references: [tenants.id] }),
}));

export const invitationsRelations = relations(invitations, ({ one }) => ({
  tenant: one(tenants, { fields: [invitations.tenantId], references: [tenants.id] }),
}));
