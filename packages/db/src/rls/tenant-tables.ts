/**
 * Every tenant-scoped table, how its rows belong to a tenant, and a column an UPDATE may touch.
 * `key` identifies a row across tenants where the table has no `id` column.
 * The schema test fails when a table with tenant policies is missing here.
 */
export const tenantTables: ReadonlyArray<{
  table: string;
  owner: string;
  touch: string;
  key?: string;
}> = [
  { table: 'tenants', owner: 'id', touch: 'name' },
  { table: 'users', owner: 'tenant_id', touch: 'name' },
  { table: 'invitations', owner: 'tenant_id', touch: 'email' },
  { table: 'accounts', owner: 'tenant_id', touch: 'scope' },
  { table: 'auth_sessions', owner: 'tenant_id', touch: 'expires' },
  { table: 'widgets', owner: 'tenant_id', touch: 'name' },
  { table: 'meetings', owner: 'tenant_id', touch: 'metadata' },
  { table: 'sessions', owner: 'tenant_id', touch: 'metadata' },
  { table: 'messages', owner: 'tenant_id', touch: 'content' },
  { table: 'knowledge_documents', owner: 'tenant_id', touch: 'title' },
  { table: 'knowledge_chunks', owner: 'tenant_id', touch: 'content' },
  {
    table: 'knowledge_term_stats',
    owner: 'tenant_id',
    touch: 'chunks',
    key: "tenant_id::text || '/' || term",
  },
  {
    table: 'knowledge_postings',
    owner: 'tenant_id',
    touch: 'lengths',
    key: "tenant_id::text || '/' || term || '/' || segment::text",
  },
  { table: 'knowledge_corpus_stats', owner: 'tenant_id', touch: 'chunks', key: 'tenant_id::text' },
  { table: 'cost_events', owner: 'tenant_id', touch: 'provider' },
  { table: 'cost_summaries', owner: 'tenant_id', touch: 'event_count' },
  { table: 'budget_alerts', owner: 'tenant_id', touch: 'resolved' },
  { table: 'budget_reservations', owner: 'tenant_id', touch: 'expires_at' },
  { table: 'ai_personalities', owner: 'tenant_id', touch: 'description' },
  { table: 'handoffs', owner: 'tenant_id', touch: 'requested_at' },
  { table: 'conversation_notes', owner: 'tenant_id', touch: 'content' },
];

/** Tables no tenant may touch: only the explicit system path. */
export const systemOnlyTables = [
  'verification_tokens',
  'rate_limit_counters',
  'processed_webhooks',
  'sign_in_failures',
] as const;

/** SQL naming a row (its `id` unless the entry says otherwise). */
export function rowKey(entry: (typeof tenantTables)[number]): string {
  return entry.key ?? 'id';
}

/** SQL (for assertions as superuser) selecting the rows of tenant $1. */
export function ownedBy(entry: (typeof tenantTables)[number]): string {
  return entry.owner.includes('$1') ? entry.owner : `${entry.owner} = $1`;
}
