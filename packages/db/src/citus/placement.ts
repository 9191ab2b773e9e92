/**
 * Where each table lives on a Citus cluster. Every table with a `tenant_id` column is distributed
 * by it, all in one co-location group, so a tenant's rows of every table sit on the same node and
 * a tenant's transaction stays on one node. The tables below are the exceptions, each with its
 * reason. A table named nowhere and without `tenant_id` stays on the coordinator, with a warning.
 */
export type Placement = 'reference' | 'coordinator';

export const globalTables: Record<string, { placement: Placement; reason: string }> = {
  tenants: {
    placement: 'reference',
    reason:
      'every tenant table references it (ON DELETE CASCADE deletes a tenant everywhere), and the ' +
      'API-key and Stripe-customer keys are unique platform-wide; few rows, rarely written, so a ' +
      'copy on every node keeps those keys and every join with it local',
  },
  users: {
    placement: 'reference',
    reason:
      'has tenant_id, but sign-in finds a user by e-mail before any tenant is known and the ' +
      'e-mail is unique platform-wide; distributed by tenant it would be a fan-out per sign-in ' +
      'and the uniqueness could not be enforced',
  },
  accounts: {
    placement: 'reference',
    reason: 'OAuth sign-in finds it by provider account before a tenant is known; references users',
  },
  auth_sessions: {
    placement: 'reference',
    reason: 'every request resolves its session token before a tenant is known; references users',
  },
  verification_tokens: {
    placement: 'coordinator',
    reason: 'e-mail sign-in tokens, written and consumed once and referenced by nothing',
  },
  processed_webhooks: {
    placement: 'coordinator',
    reason: 'webhook receipts checked by id, one insert per delivery, joined with nothing',
  },
  rate_limit_counters: {
    placement: 'coordinator',
    reason:
      'one upsert per public widget request: a local write on the coordinator beats a ' +
      'two-phase commit across workers for a short-lived counter',
  },
  sign_in_failures: {
    placement: 'coordinator',
    reason:
      'password-failure delays keyed by address and e-mail digest, read and written on every ' +
      'password sign-in before a tenant is known; like rate_limit_counters, a local write',
  },
};

/** The distribution column of every tenant table. */
export const TENANT_COLUMN = 'tenant_id';
