import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemOnlyTables, tenantTables } from '../rls/tenant-tables';
import { openPglite } from '../embedded/pglite';
import { migratePgliteDb, migrateUrl } from '../migrate';
import { createTestDatabase } from '../testing';
import type { TestDatabase } from '../testing';
import { readTemplate } from '../testing/template';
import { runTag } from '../testing';

/** Fixed e-mails get this run's own domain: the database may be shared (TEST_DATABASE_URL). */
const RUN = runTag();

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

// Every column of ../shared/seed-schema.md: [type, nullable]. Deviations are marked and explained
// in src/schema: timestamptz instead of timestamp, nullable password_hash and created_by,
// tenant_id on messages, knowledge_chunks, accounts and auth_sessions, email_verified on users.
const ts = 'timestamp with time zone';
const seedColumns: Record<string, Record<string, [string, boolean]>> = {
  tenants: {
    id: ['uuid', false],
    name: ['text', false],
    api_key: ['text', false],
    plan: ['text', false],
    settings: ['jsonb', true],
    stripe_customer_id: ['text', true],
    stripe_subscription_id: ['text', true],
    created_at: [ts, false],
    updated_at: [ts, false],
  },
  users: {
    id: ['uuid', false],
    tenant_id: ['uuid', false],
    email: ['text', false],
    password_hash: ['text', true],
    role: ['text', false],
    name: ['text', true],
    avatar_url: ['text', true],
    email_verified: [ts, true],
    created_at: [ts, false],
    updated_at: [ts, false],
  },
  accounts: {
    id: ['uuid', false],
    user_id: ['uuid', false],
    tenant_id: ['uuid', false],
    type: ['text', false],
    provider: ['text', false],
    provider_account_id: ['text', false],
    refresh_token: ['text', true],
    access_token: ['text', true],
    expires_at: ['integer', true],
    token_type: ['text', true],
    scope: ['text', true],
    id_token: ['text', true],
    session_state: ['text', true],
  },
  auth_sessions: {
    id: ['uuid', false],
    session_token: ['text', false],
    user_id: ['uuid', false],
    tenant_id: ['uuid', false],
    expires: [ts, false],
  },
  verification_tokens: {
    identifier: ['text', false],
    token: ['text', false],
    expires: [ts, false],
  },
  widgets: {
    id: ['uuid', false],
    tenant_id: ['uuid', false],
    name: ['text', false],
    domain_whitelist: ['jsonb', false],
    settings: ['jsonb', true],
    is_active: ['boolean', false],
    created_at: [ts, false],
    updated_at: [ts, false],
  },
  meetings: {
    id: ['uuid', false],
    tenant_id: ['uuid', false],
    room_name: ['text', false],
    livekit_room_id: ['text', false],
    created_by: ['uuid', true],
    started_at: [ts, false],
    ended_at: [ts, true],
    metadata: ['jsonb', true],
  },
  sessions: {
    id: ['uuid', false],
    tenant_id: ['uuid', false],
    widget_id: ['uuid', true],
    meeting_id: ['uuid', true],
    mode: ['text', false],
    cost_usd: ['numeric(10,4)', true],
    metadata: ['jsonb', true],
    created_at: [ts, false],
    ended_at: [ts, true],
  },
  messages: {
    id: ['uuid', false],
    session_id: ['uuid', false],
    tenant_id: ['uuid', false],
    role: ['text', false],
    content: ['text', false],
    attachments: ['jsonb', true],
    metadata: ['jsonb', true],
    timestamp: [ts, false],
  },
  knowledge_documents: {
    id: ['uuid', false],
    tenant_id: ['uuid', false],
    title: ['text', false],
    content: ['text', false],
    category: ['text', true],
    embedding: ['vector(1024)', true],
    metadata: ['jsonb', true],
    created_at: [ts, false],
    updated_at: [ts, false],
  },
  knowledge_chunks: {
    id: ['uuid', false],
    document_id: ['uuid', false],
    tenant_id: ['uuid', false],
    content: ['text', false],
    embedding: ['vector(1024)', false],
    position: ['integer', false],
    metadata: ['jsonb', true],
  },
  cost_events: {
    id: ['uuid', false],
    tenant_id: ['uuid', false],
    session_id: ['uuid', true],
    service: ['text', false],
    provider: ['text', true],
    tokens_used: ['integer', true],
    cost_usd: ['numeric(10,6)', false],
    metadata: ['jsonb', true],
    timestamp: [ts, false],
  },
  cost_summaries: {
    id: ['uuid', false],
    tenant_id: ['uuid', false],
    period_start: [ts, false],
    period_end: [ts, false],
    total_cost_usd: ['numeric(10,4)', false],
    breakdown: ['jsonb', false],
    event_count: ['integer', false],
    created_at: [ts, false],
  },
  budget_alerts: {
    id: ['uuid', false],
    tenant_id: ['uuid', false],
    threshold: ['numeric(10,2)', false],
    current_spend: ['numeric(10,4)', false],
    period: ['text', false],
    severity: ['text', false],
    notifications_sent: ['integer', false],
    triggered_at: [ts, false],
    resolved: ['boolean', false],
    resolved_at: [ts, true],
    metadata: ['jsonb', true],
  },
  ai_personalities: {
    id: ['uuid', false],
    tenant_id: ['uuid', false],
    name: ['text', false],
    description: ['text', true],
    system_prompt: ['text', false],
    temperature: ['numeric(3,2)', false],
    max_tokens: ['integer', true],
    top_p: ['numeric(3,2)', true],
    frequency_penalty: ['numeric(3,2)', true],
    presence_penalty: ['numeric(3,2)', true],
    preferred_model: ['text', true],
    is_default: ['boolean', false],
    is_active: ['boolean', false],
    metadata: ['jsonb', true],
    created_at: [ts, false],
    updated_at: [ts, false],
  },
};

const plannedIndexes = [
  'tenant_api_key_idx',
  'user_email_idx',
  'user_tenant_idx',
  'session_tenant_idx',
  'session_widget_idx',
  'session_meeting_idx',
  'session_created_at_idx',
  'message_session_idx',
  'message_timestamp_idx',
  'knowledge_embedding_idx',
  'knowledge_chunk_embedding_idx',
  'knowledge_tenant_idx',
  'knowledge_category_idx',
  'cost_tenant_timestamp_idx',
  'cost_session_idx',
  'cost_summary_tenant_period_idx',
  'budget_alert_tenant_idx',
  'budget_alert_active_idx',
  'budget_alert_triggered_idx',
  'ai_personality_tenant_idx',
  'ai_personality_default_idx',
  // Beyond the seed: hybrid search's full-text branch and one default personality per tenant.
  'knowledge_chunk_fts_idx',
  'ai_personality_one_default_idx',
];

describe('schema', () => {
  test.each(Object.entries(seedColumns))(
    '%s has every seed column with its type and nullability',
    async (table, columns) => {
      const rows = await t.raw(
        `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, not a.attnotnull as nullable
         from pg_attribute a where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped`,
        [`public.${table}`],
      );
      const actual = Object.fromEntries(rows.map((r) => [r.name, [r.type, r.nullable]]));
      for (const [column, expected] of Object.entries(columns)) {
        expect([column, actual[column]]).toEqual([column, expected]);
      }
    },
  );

  test('every planned index exists, HNSW (cosine) on both embedding columns, GIN for full text', async () => {
    const rows = await t.raw(
      `select indexname, indexdef from pg_indexes where schemaname = 'public'`,
    );
    const byName = new Map(rows.map((r) => [String(r.indexname), String(r.indexdef)]));
    for (const name of plannedIndexes) expect(byName.has(name), name).toBe(true);
    expect(byName.get('knowledge_embedding_idx')).toMatch(
      /USING hnsw \(embedding vector_cosine_ops\)/,
    );
    expect(byName.get('knowledge_chunk_embedding_idx')).toMatch(
      /USING hnsw \(embedding vector_cosine_ops\)/,
    );
    expect(byName.get('knowledge_chunk_fts_idx')).toMatch(/USING gin \(content_tsv\)/);
    const [column] = await t.raw(
      `select generation_expression from information_schema.columns
        where table_name = 'knowledge_chunks' and column_name = 'content_tsv'`,
    );
    expect(String(column?.generation_expression)).toMatch(
      /to_tsvector\('english'::regconfig, content\)/,
    );
  });

  test('full-text search uses its GIN indexes under forced RLS, as the app role', async () => {
    // `@@` must be LEAKPROOF for Postgres to test it in an index scan before the tenant policy
    // (migration 0006); without it every chunk (or message) of the tenant is read.
    const [tenant] = await t.raw(
      `insert into tenants (name, api_key) values ('FTS', md5(random()::text)) returning id`,
    );
    const tenantId = String(tenant?.id);
    const [doc] = await t.raw(
      `insert into knowledge_documents (tenant_id, title, content) values ($1, 'Help', '') returning id`,
      [tenantId],
    );
    await t.raw(
      `insert into knowledge_chunks (tenant_id, document_id, position, content, embedding)
       select $1, $2, g, 'topic' || g || ' shipping and returns handbook page ' || g,
              array_fill(0.1, array[1024])::vector
       from generate_series(1, 1000) g`,
      [tenantId, doc?.id],
    );
    const [session] = await t.raw(`insert into sessions (tenant_id) values ($1) returning id`, [
      tenantId,
    ]);
    await t.raw(
      `insert into messages (tenant_id, session_id, role, content)
       select $1, $2, 'user', 'question' || g || ' about shipping and returns' from generate_series(1, 1000) g`,
      [tenantId, session?.id],
    );
    // Also moves GIN's pending lists into the indexes.
    await t.raw('vacuum analyze knowledge_chunks');
    await t.raw('vacuum analyze messages');
    // With sequential scans priced out, the planner picks the cheapest index it may use: the
    // GIN index when `@@` can run before the policy, the tenant index otherwise.
    const planOf = (table: string, word: string) =>
      t.db.withTenant(tenantId, async (tx) => {
        await tx.execute(sql`select set_config('enable_seqscan', 'off', true)`);
        const rows = await tx.execute<{ 'QUERY PLAN': string }>(
          sql`explain select id from ${sql.identifier(table)}
               where tenant_id = ${tenantId} and content_tsv @@ websearch_to_tsquery('english', ${word})`,
        );
        return [...rows].map((r) => r['QUERY PLAN']).join('\n');
      });
    expect(await planOf('knowledge_chunks', 'topic42')).toMatch(
      /Bitmap Index Scan on knowledge_chunk_fts_idx/,
    );
    expect(await planOf('messages', 'question42')).toMatch(
      /Bitmap Index Scan on message_content_tsv_idx/,
    );
  });

  test('row-level security is enabled and forced on every table', async () => {
    const rows = await t.raw(
      `select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
         join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const row of rows)
      expect(row, String(row.relname)).toMatchObject({
        relrowsecurity: true,
        relforcerowsecurity: true,
      });
  });

  test('every tenant table has separate SELECT/INSERT/UPDATE/DELETE policies for the app role, WITH CHECK on writes', async () => {
    const rows = await t.raw(
      `select tablename, cmd, roles::text as roles, qual, with_check from pg_policies where schemaname = 'public'`,
    );
    for (const { table } of tenantTables) {
      const mine = rows.filter(
        (r) => r.tablename === table && String(r.roles).includes('platform_app'),
      );
      expect(mine.map((r) => r.cmd).sort(), table).toEqual([
        'DELETE',
        'INSERT',
        'SELECT',
        'UPDATE',
      ]);
      expect(mine.find((r) => r.cmd === 'INSERT')?.with_check, table).toMatch(
        /get_current_tenant_id/,
      );
      expect(mine.find((r) => r.cmd === 'UPDATE')?.with_check, table).toMatch(
        /get_current_tenant_id/,
      );
    }
  });

  test('the isolation suite covers every table holding tenant data', async () => {
    const rows = await t.raw(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'`,
    );
    const covered = new Set<string>([...tenantTables.map((e) => e.table), ...systemOnlyTables]);
    const uncovered = rows.map((r) => String(r.relname)).filter((name) => !covered.has(name));
    // A new table must be added to src/rls/tenant-tables.ts (and so to the isolation suite).
    expect(uncovered).toEqual([]);
  });

  test('the request roles own nothing, cannot log in (except to Citus workers) and do not bypass RLS', async () => {
    // On Citus the workers see the role itself, so the migration lets it log in (passwordless:
    // only the cluster's trust lines admit it; see src/citus/distribute.ts).
    const [citus] = await t.raw(
      `select exists (select 1 from pg_extension where extname = 'citus') as on`,
    );
    const canLogin = Boolean(citus?.on);
    const roles = await t.raw(
      `select rolname, rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname in ('platform_app', 'platform_system') order by 1`,
    );
    expect(roles).toEqual([
      { rolname: 'platform_app', rolsuper: false, rolbypassrls: false, rolcanlogin: canLogin },
      { rolname: 'platform_system', rolsuper: false, rolbypassrls: false, rolcanlogin: canLogin },
    ]);
    const owned = await t.raw(
      `select count(*)::int as n from pg_class where relowner in (select oid from pg_roles where rolname in ('platform_app', 'platform_system'))`,
    );
    expect(owned[0]?.n).toBe(0);
  });

  test('only one default personality per tenant, enforced by the database', async () => {
    const { createTenantWithOwner } = await import('../accounts');
    const { aiPersonalities } = await import('./personalities');
    const { tenant } = await createTenantWithOwner(t.db, {
      tenantName: 'Defaults',
      email: `defaults@${RUN}.schema.test`,
    });
    await t.db.withTenant(tenant.id, (tx) =>
      tx
        .insert(aiPersonalities)
        .values({ tenantId: tenant.id, name: 'one', systemPrompt: 'x', isDefault: true }),
    );
    await expect(
      t.db.withTenant(tenant.id, (tx) =>
        tx
          .insert(aiPersonalities)
          .values({ tenantId: tenant.id, name: 'two', systemPrompt: 'x', isDefault: true }),
      ),
    ).rejects.toThrow();
  });

  test('re-running the migrations changes nothing', async () => {
    // As the owner: on a real server its URL; embedded, a fresh clone of the migrated template
    // (the test's own server is the login role's session, which may not migrate).
    const count = 'select count(*)::int as n from drizzle.__drizzle_migrations';
    const realUrl = process.env.TEST_DATABASE_URL;
    if (realUrl) {
      const before = await t.raw(count);
      await migrateUrl(realUrl);
      expect(await t.raw(count)).toEqual(before);
      return;
    }
    const owner = await openPglite({ loadDataDir: readTemplate() });
    try {
      const before = (await owner.query(count)).rows;
      await migratePgliteDb(owner);
      expect((await owner.query(count)).rows).toEqual(before);
    } finally {
      await owner.close();
    }
  });
});
