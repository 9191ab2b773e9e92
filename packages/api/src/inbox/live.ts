import { sql } from 'drizzle-orm';
import { resolveAuthSession } from '@platform/auth';
import { inboxTopic } from '@platform/db';
import type { Database, LiveFeed, Tx } from '@platform/db';
import type { ApiSession } from '../trpc';

/** One stream lasts this long; EventSource reconnects by itself. */
const STREAM_LIFETIME_MS = 5 * 60_000;
const KEEPALIVE_MS = 15_000;

export interface InboxLiveOptions {
  db: Database;
  live: LiveFeed;
  /** Read from the request (the Auth.js cookie); re-checked against auth_sessions here. */
  session: ApiSession | null;
  signal: AbortSignal;
}

/**
 * GET /api/inbox/live: server-sent `changed` events whenever the tenant's inbox may look
 * different (a request, a claim, a message, a note, a hand-back), so the dashboard re-fetches
 * `inbox.*`. Carries no data itself: everything shown still comes through the tRPC procedures and
 * their checks. Each wake-up of the feed re-reads a small fingerprint under the tenant's RLS and
 * speaks only when it changed (in poll mode most wake-ups are silent).
 */
export async function inboxLiveResponse(options: InboxLiveOptions): Promise<Response> {
  const { db, live, session } = options;
  const resolved = session ? await resolveAuthSession(db, session.sessionToken) : null;
  if (!session || !resolved || resolved.userId !== session.userId)
    return new Response('Sign in to continue.', { status: 401 });
  const tenantId = resolved.tenantId;

  const stop = new AbortController();
  options.signal.addEventListener('abort', () => stop.abort(), { once: true });
  const deadline = setTimeout(() => stop.abort(), STREAM_LIFETIME_MS);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        if (!stop.signal.aborted) controller.enqueue(encoder.encode(text));
      };
      let last = '';
      try {
        // Tells EventSource to come back after 1 s if the stream ends (lifetime, restart).
        write('retry: 1000\n\n');
        while (!stop.signal.aborted) {
          const now = await db.withTenant(tenantId, inboxFingerprint);
          if (now !== last) write('data: {"type":"changed"}\n\n');
          else write(': keepalive\n\n');
          last = now;
          await live.wait(inboxTopic(tenantId), { signal: stop.signal, maxMs: KEEPALIVE_MS });
        }
      } catch {
        // database gone mid-stream: end it; EventSource reconnects
      } finally {
        clearTimeout(deadline);
        try {
          controller.close();
        } catch {
          // already closed
        }
      }
    },
    cancel() {
      stop.abort();
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}

/** Open handoffs with their holders, the newest message among them, the newest note. */
async function inboxFingerprint(tx: Tx): Promise<string> {
  const [row] = await tx.execute<{
    open: string | null;
    message: string | null;
    note: string | null;
  }>(sql`
    select
      (select string_agg(h.id::text || ':' || coalesce(h.claimed_by::text, ''), ',' order by h.id)
         from handoffs h where h.released_at is null) as open,
      (select max(m.timestamp)::text from messages m
         where m.session_id in (select session_id from handoffs where released_at is null)) as message,
      (select max(n.created_at)::text from conversation_notes n) as note
  `);
  return `${row?.open ?? ''}|${row?.message ?? ''}|${row?.note ?? ''}`;
}
