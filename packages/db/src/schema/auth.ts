import { relations } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { primaryId, systemPolicy, tenantPolicies } from './columns';
import { users } from './tenants';

/**
 * The user's tenant, copied onto the row (migration 0014). The policies used to reach it through
 * `user_id in (select id from users ...)`; Citus refuses a policy containing a subquery, so the
 * row carries its tenant and the foreign key (user_id, tenant_id) keeps the copy equal to the
 * user's. Deleting the user still deletes the row (cascade through that key).
 */
const tenantOfUser = () => uuid('tenant_id').notNull();

// Property names follow @auth/drizzle-adapter (refresh_token, ...); the column names are the seed's.
export const accounts = pgTable(
  'accounts',
  {
    id: primaryId(),
    userId: uuid('user_id').notNull(),
    tenantId: tenantOfUser(),
    type: text('type').notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (t) => [
    unique('accounts_provider_account_unique').on(t.provider, t.providerAccountId),
    index('account_user_idx').on(t.userId),
    foreignKey({
      name: 'accounts_user_tenant_fk',
      columns: [t.userId, t.tenantId],
      foreignColumns: [users.id, users.tenantId],
    }).onDelete('cascade'),
    ...tenantPolicies('accounts', t.tenantId),
  ],
);

export const authSessions = pgTable(
  'auth_sessions',
  {
    id: primaryId(),
    sessionToken: text('session_token').notNull().unique(),
    userId: uuid('user_id').notNull(),
    tenantId: tenantOfUser(),
    expires: timestamp('expires', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('auth_session_user_idx').on(t.userId),
    foreignKey({
      name: 'auth_sessions_user_tenant_fk',
      columns: [t.userId, t.tenantId],
      foreignColumns: [users.id, users.tenantId],
    }).onDelete('cascade'),
    ...tenantPolicies('auth_sessions', t.tenantId),
  ],
);

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull().unique(),
    expires: timestamp('expires', { withTimezone: true, mode: 'date' }).notNull(),
  },
  // Not tenant data: only the sign-in path (system role) reads or writes it.
  () => [systemPolicy('verification_tokens')],
);

export const accountsRelations = relations(accounts, ({ one }) => ({
  user: one(users, { fields: [accounts.userId], references: [users.id] }),
}));

export const authSessionsRelations = relations(authSessions, ({ one }) => ({
  user: one(users, { fields: [authSessions.userId], references: [users.id] }),
}));
