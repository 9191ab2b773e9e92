import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, MessageMetadata, MessageSource, Tx, WidgetSettings } from '@platform/db';
import { messages, sessions, tenants, widgets } from '@platform/db';
import { rowsOf } from '@platform/rag';
import { readOpenHandoff } from '../handoff/state';
import type { OpenHandoff } from '../handoff/state';
import type {
  HandoffStatus,
  PublicSource,
  PublicWidgetSettings,
  TranscriptMessage,
  TranscriptResponse,
} from './protocol';
import type { VisitorClaims } from './token';

export interface ResolvedWidget {
  id: string;
  tenantId: string;
  name: string;
  isActive: boolean;
  domainWhitelist: string[];
  settings: WidgetSettings | null;
}

/**
 * Widget id -> widget and tenant. Cross-tenant by nature (the caller names no tenant), hence the
 * system path; the inner join drops widgets whose tenant is gone. Everything after this runs in
 * `withTenant(widget.tenantId)`.
 */
export async function resolveWidget(
  db: Database,
  widgetId: string,
): Promise<ResolvedWidget | null> {
  const [row] = await db.asSystem('widget-resolution', (tx) =>
    tx
      .select({
        id: widgets.id,
        tenantId: widgets.tenantId,
        name: widgets.name,
        isActive: widgets.isActive,
        domainWhitelist: widgets.domainWhitelist,
        settings: widgets.settings,
      })
      .from(widgets)
      .innerJoin(tenants, eq(tenants.id, widgets.tenantId))
      .where(eq(widgets.id, widgetId))
      .limit(1),
  );
  return row ?? null;
}

const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
const DEFAULTS = {
  primaryColor: '#4f46e5',
  secondaryColor: '#eef2ff',
  greeting: 'Hi! How can I help you today?',
};

/** Only what the visitor's browser needs; colours re-validated because they end up in CSS. */
export function publicSettings(widget: ResolvedWidget): PublicWidgetSettings {
  const s = widget.settings;
  return {
    name: widget.name.slice(0, 80),
    theme: s?.theme === 'dark' || s?.theme === 'light' ? s.theme : 'auto',
    position: s?.position === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    greeting: (s?.greeting?.trim() || DEFAULTS.greeting).slice(0, 500),
    primaryColor:
      s?.primaryColor && COLOR.test(s.primaryColor) ? s.primaryColor : DEFAULTS.primaryColor,
    secondaryColor:
      s?.secondaryColor && COLOR.test(s.secondaryColor)
        ? s.secondaryColor
        : DEFAULTS.secondaryColor,
    supportHours: (s?.supportHours?.trim() ?? '').slice(0, 200),
    awayMessage: (s?.awayMessage?.trim() ?? '').slice(0, 500),
  };
}

/** The session row as far as it exists: rows are created on the first message, not per page view. */
export async function readSession(db: Database, claims: VisitorClaims) {
  const [row] = await db.withTenant(claims.tid, (tx) =>
    tx
      .select({ widgetId: sessions.widgetId, endedAt: sessions.endedAt })
      .from(sessions)
      .where(eq(sessions.id, claims.sid)),
  );
  return row ?? null;
}

/** Creates the visitor's session on first use; refuses one that ended or belongs elsewhere. */
export async function ensureSession(
  db: Database,
  claims: VisitorClaims,
  meta: { userAgent?: string },
): Promise<'ok' | 'ended'> {
  return db.withTenant(claims.tid, (tx) => ensureSessionIn(tx, claims, meta));
}

/**
 * ensureSession in the caller's tenant transaction, in one statement: the insert (nothing on
 * conflict) and the row as it is. A concurrent first insert of the same session, committed after
 * this statement's snapshot, is not visible to it: only then a second read.
 */
export async function ensureSessionIn(
  tx: Tx,
  claims: VisitorClaims,
  meta: { userAgent?: string },
): Promise<'ok' | 'ended'> {
  const metadata = {
    origin: claims.org,
    ...(meta.userAgent ? { userAgent: meta.userAgent.slice(0, 300) } : {}),
  };
  const createdAt = new Date(claims.sst * 1000).toISOString();
  const rows = rowsOf<{ widget_id: string | null; ended_at: unknown }>(
    await tx.execute(sql`
      with inserted as (
        insert into ${sessions} (id, tenant_id, widget_id, mode, metadata, created_at)
        values (${claims.sid}::uuid, ${claims.tid}::uuid, ${claims.wid}::uuid, 'text',
                ${JSON.stringify(metadata)}::jsonb, ${createdAt}::timestamptz)
        on conflict do nothing
        returning widget_id, ended_at)
      select widget_id, ended_at from inserted
      union all
      select widget_id, ended_at from ${sessions}
      where tenant_id = ${claims.tid}::uuid -- RLS limits it anyway; named, Citus routes it
        and id = ${claims.sid}::uuid and not exists (select 1 from inserted)`),
  );
  let row: { widgetId: string | null; endedAt: unknown } | undefined = rows[0]
    ? { widgetId: rows[0].widget_id, endedAt: rows[0].ended_at }
    : undefined;
  if (!row) {
    [row] = await tx
      .select({ widgetId: sessions.widgetId, endedAt: sessions.endedAt })
      .from(sessions)
      .where(eq(sessions.id, claims.sid));
  }
  return row && row.widgetId === claims.wid && !row.endedAt ? 'ok' : 'ended';
}

const TRANSCRIPT_LIMIT = 200;

/** The columns a visitor-facing message is built from (see toTranscriptMessage). */
export const transcriptColumns = {
  id: messages.id,
  role: messages.role,
  authorKind: messages.authorKind,
  content: messages.content,
  metadata: messages.metadata,
  timestamp: messages.timestamp,
};

interface TranscriptRow {
  id: string;
  role: 'user' | 'assistant' | 'system';
  authorKind: string;
  content: string;
  metadata: MessageMetadata | null;
  timestamp: Date;
}

export function toTranscriptMessage(row: TranscriptRow): TranscriptMessage {
  const person = row.authorKind === 'person';
  const call = row.metadata?.call;
  return {
    id: row.id,
    role: row.role === 'user' ? 'user' : 'assistant',
    content: row.content,
    createdAt: row.timestamp.toISOString(),
    sources: publicSources(row.metadata?.sources ?? []),
    feedback: row.metadata?.feedback ?? null,
    status: row.metadata?.status ?? 'complete',
    ...(person ? { person: { name: (row.metadata?.authorName ?? 'Support').slice(0, 80) } } : {}),
    ...(call && safeUrl(call.joinUrl)
      ? { call: { url: safeUrl(call.joinUrl)!, expiresAt: call.expiresAt } }
      : {}),
  };
}

export async function readTranscript(
  db: Database,
  claims: VisitorClaims,
): Promise<TranscriptResponse> {
  return db.withTenant(claims.tid, async (tx) => {
    const rows = await tx
      .select(transcriptColumns)
      .from(messages)
      // Joined on tenant_id too: on Citus a join of tenant tables must include it.
      .innerJoin(
        sessions,
        and(eq(sessions.id, messages.sessionId), eq(sessions.tenantId, messages.tenantId)),
      )
      .where(
        and(
          eq(messages.tenantId, claims.tid), // RLS limits it anyway; named, Citus routes it
          eq(messages.sessionId, claims.sid),
          eq(sessions.widgetId, claims.wid),
          inArray(messages.role, ['user', 'assistant']),
        ),
      )
      .orderBy(desc(messages.timestamp), desc(messages.id))
      .limit(TRANSCRIPT_LIMIT);
    return {
      messages: rows.reverse().map(toTranscriptMessage),
      handoff: handoffStatus(await readOpenHandoff(tx, claims.sid)),
    };
  });
}

/** What the visitor may know of a handoff: the state and the person's display name. */
export function handoffStatus(handoff: OpenHandoff | null): HandoffStatus {
  return { state: handoff?.state ?? 'assistant', personName: handoff?.holder?.name ?? null };
}

/** Thumbs up/down (or cleared) on one of this session's assistant messages. */
export async function setFeedback(
  db: Database,
  claims: VisitorClaims,
  messageId: string,
  value: 'up' | 'down' | null,
): Promise<boolean> {
  const patch =
    value === null
      ? sql`coalesce(${messages.metadata}, '{}'::jsonb) - 'feedback'`
      : sql`coalesce(${messages.metadata}, '{}'::jsonb) || jsonb_build_object('feedback', ${value}::text)`;
  const updated = await db.withTenant(claims.tid, (tx) =>
    tx
      .update(messages)
      .set({ metadata: patch })
      .where(
        and(
          eq(messages.id, messageId),
          eq(messages.sessionId, claims.sid),
          eq(messages.role, 'assistant'),
        ),
      )
      .returning({ id: messages.id }),
  );
  return updated.length > 0;
}

/**
 * Sources as the visitor sees them: title, an http(s) link if any, a short excerpt, and the
 * number the answer cites them by (the engine numbers them in retrieval order, from 1).
 */
export function publicSources(
  sources: readonly Pick<MessageSource, 'title' | 'url' | 'excerpt'>[],
): PublicSource[] {
  return sources.slice(0, 10).map((s, i) => {
    const url = safeUrl(s.url);
    return {
      index: i + 1,
      title: s.title.slice(0, 200),
      excerpt: s.excerpt.slice(0, 300),
      ...(url ? { url } : {}),
    };
  });
}

function safeUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
