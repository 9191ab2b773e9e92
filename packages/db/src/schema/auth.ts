import { relations, sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { primaryId, systemPolicy, tenantPoliciesWhere } from './columns';
import { users } from './tenants';

/** A row belongs to the tenant of its user: the policies compare through `users`. */
const userOfCurrentTenant = (column: string) =>
  sql`${sql.identifier(column)} in (select id from users where tenant_id = (select get_current_tenant_id()))`;

// Property names follow @auth/drizzle-adapter (refresh_token, ...); the column names are the seed's.
export const accounts = pgTable(
  'accounts',
  {
    id: primaryId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
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
    ...tenantPoliciesWhere('accounts', userOfCurrentTenant('user_id')),
  ],
);

export const authSessions = pgTable(
  'auth_sessions',
  {
    id: primaryId(),
    sessionToken: text('session_token').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expires: timestamp('expires', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('auth_session_user_idx').on(t.userId),
    ...tenantPoliciesWhere('auth_sessions', userOfCurrentTenant('user_id')),
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
