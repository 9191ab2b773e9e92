import { createAuthSession } from '@platform/auth';
import { createTenantWithOwner, hashPassword } from '@platform/db';
import type { UserRole } from '@platform/db';
import { createTestDatabase, runTag } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { startFakeLivekit } from '@platform/meetings/testing';
import type { FakeLivekit } from '@platform/meetings/testing';
import { createCaller } from '../root';
import { createContext } from '../trpc';
import type { IngestionScheduler } from '../trpc';

export type Caller = ReturnType<typeof createCaller>;

export const PASSWORD = 'fixture-password';

/** A vector(1024) literal: chunks need an embedding, its value does not matter here. */
export const EMBEDDING = `[${Array.from({ length: 1024 }, (_, i) => (i === 0 ? 1 : 0)).join(',')}]`;

export interface SeededTenant {
  tenantId: string;
  name: string;
  users: Record<UserRole, string>;
  callers: Record<UserRole | 'anonymous', Caller>;
  sessionTokens: Record<UserRole, string>;
  ids: SeedIds;
}

/** One of each row kind, all owned by the tenant: the isolation suite targets these. */
export interface SeedIds {
  widgetId: string;
  personalityId: string;
  otherPersonalityId: string;
  documentId: string;
  chunkId: string;
  sessionId: string;
  messageId: string;
  costEventId: string;
  alertId: string;
  meetingId: string;
  invitationId: string;
  /** A member the role tests can act on. */
  memberId: string;
  adminId: string;
  ownerId: string;
}

/** A test database plus an in-test LiveKit room service: callers made for it use that server. */
export interface ApiTestDatabase extends TestDatabase {
  livekit: FakeLivekit;
}

export async function createApiTestDatabase(): Promise<ApiTestDatabase> {
  const database = await createTestDatabase();
  const livekit = await startFakeLivekit();
  return {
    ...database,
    livekit,
    close: async () => {
      await livekit.close();
      await database.close();
    },
  };
}

const hasLivekit = (t: TestDatabase): t is ApiTestDatabase => 'livekit' in t;

export function callerFor(
  t: TestDatabase,
  session: { userId: string; sessionToken: string } | null,
  ingestion?: IngestionScheduler,
): Caller {
  const meetings = hasLivekit(t) ? { livekit: t.livekit.config } : undefined;
  return createCaller(
    createContext({ db: t.db, session, ingestion, meetings, logError: () => {} }),
  );
}

async function addUser(
  t: TestDatabase,
  tenantId: string,
  email: string,
  role: UserRole,
  passwordHash: string,
) {
  const [row] = await t.raw(
    'insert into users (tenant_id, email, role, password_hash, name) values ($1, $2, $3, $4, $5) returning id',
    [tenantId, email, role, passwordHash, role],
  );
  return row!.id as string;
}

/**
 * A tenant with an owner, an admin and a member (each signed in), and one row of every kind.
 * Rows the API can create are created through it; the rest (conversations, costs, meetings,
 * chunks: written by other packages) are inserted directly.
 */
export async function seedTenant(t: TestDatabase, name: string): Promise<SeededTenant> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  // E-mails and room names in the run's own domain: files and runs may share the database.
  const unique = `${slug}.${runTag()}`;
  const { tenant, owner } = await createTenantWithOwner(t.db, {
    tenantName: name,
    email: `owner@${unique}.test`,
    password: PASSWORD,
    ownerName: 'owner',
  });
  const hash = await hashPassword(PASSWORD);
  const users: Record<UserRole, string> = {
    owner: owner.id,
    admin: await addUser(t, tenant.id, `admin@${unique}.test`, 'admin', hash),
    member: await addUser(t, tenant.id, `member@${unique}.test`, 'member', hash),
  };
  const sessionTokens = {} as Record<UserRole, string>;
  const callers = { anonymous: callerFor(t, null) } as SeededTenant['callers'];
  for (const role of ['owner', 'admin', 'member'] as const) {
    const { sessionToken } = await createAuthSession(t.db, users[role], 3600);
    sessionTokens[role] = sessionToken;
    callers[role] = callerFor(t, { userId: users[role], sessionToken });
  }

  const api = callers.owner;
  const personality = await api.personalities.create({
    name: `${name} helper`,
    systemPrompt: 'Be helpful.',
  });
  const otherPersonality = await api.personalities.create({
    name: `${name} terse`,
    systemPrompt: 'Be brief.',
  });
  const widget = await api.widgets.create({
    name: `${name} widget`,
    domainWhitelist: [`https://${slug}.example`],
    settings: { greeting: `Welcome to ${name}`, personalityId: personality.id },
  });
  const document = await api.knowledge.create({
    title: `${name} manual`,
    content: `How ${name} works.`,
    category: 'docs',
  });
  const invited = await api.team.invite({ email: `invitee@${unique}.test`, role: 'member' });

  const [chunk] = await t.raw(
    'insert into knowledge_chunks (document_id, tenant_id, content, embedding, position) values ($1, $2, $3, $4, 0) returning id',
    [document.id, tenant.id, `How ${name} works.`, EMBEDDING],
  );
  const [meeting] = await t.raw(
    'insert into meetings (tenant_id, room_name, livekit_room_id, created_by, metadata) values ($1, $2, $3, $4, $5) returning id',
    [
      tenant.id,
      `room-${unique}`,
      `RM_${unique}`,
      owner.id,
      JSON.stringify({ title: `${name} standup` }),
    ],
  );
  const [session] = await t.raw(
    "insert into sessions (tenant_id, widget_id, mode, cost_usd, metadata) values ($1, $2, 'text', '0.0100', $3) returning id",
    [tenant.id, widget.id, JSON.stringify({ origin: `https://${slug}.example` })],
  );
  const [message] = await t.raw(
    "insert into messages (session_id, tenant_id, role, content) values ($1, $2, 'user', $3) returning id",
    [session!.id, tenant.id, `Hello ${name}`],
  );
  await t.raw(
    "insert into messages (session_id, tenant_id, role, content) values ($1, $2, 'assistant', 'Hi!')",
    [session!.id, tenant.id],
  );
  const [costEvent] = await t.raw(
    "insert into cost_events (tenant_id, session_id, service, provider, tokens_used, cost_usd) values ($1, $2, 'llm', 'offline', 42, '0.010000') returning id",
    [tenant.id, session!.id],
  );
  const [alert] = await t.raw(
    "insert into budget_alerts (tenant_id, threshold, current_spend, period, severity) values ($1, '10.00', '8.5000', 'monthly', 'warning') returning id",
    [tenant.id],
  );

  return {
    tenantId: tenant.id,
    name,
    users,
    callers,
    sessionTokens,
    ids: {
      widgetId: widget.id,
      personalityId: personality.id,
      otherPersonalityId: otherPersonality.id,
      documentId: document.id,
      chunkId: chunk!.id as string,
      sessionId: session!.id as string,
      messageId: message!.id as string,
      costEventId: costEvent!.id as string,
      alertId: alert!.id as string,
      meetingId: meeting!.id as string,
      invitationId: invited.invitation.id,
      memberId: users.member,
      adminId: users.admin,
      ownerId: users.owner,
    },
  };
}

/** Every tenant-owned table: those with a tenant_id column, plus those owned through users. */
export async function tenantTables(t: TestDatabase): Promise<string[]> {
  const rows = await t.raw(
    "select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' order by table_name",
  );
  return [
    ...new Set([
      ...rows.map((r) => r.table_name as string),
      'accounts',
      'auth_sessions',
      'tenants',
    ]),
  ].sort();
}

/** The tenant's rows in every table, as the database has them (superuser, no RLS), ordered. */
export async function snapshotTenant(
  t: TestDatabase,
  tenantId: string,
): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of await tenantTables(t)) {
    const where =
      table === 'tenants'
        ? 'id = $1'
        : table === 'accounts' || table === 'auth_sessions'
          ? 'user_id in (select id from users where tenant_id = $1)'
          : 'tenant_id = $1';
    // Table names come from information_schema, not input; quoted as identifiers anyway.
    snapshot[table] = await t.raw(
      `select to_jsonb(x) as row from "${table}" x where ${where} order by to_jsonb(x)::text`,
      [tenantId],
    );
  }
  return snapshot;
}
