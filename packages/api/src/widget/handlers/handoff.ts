import { and, eq, gt, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { messages, sessionTopic, tenantOf } from '@platform/db';
import type { Tx } from '@platform/db';
import { readOpenHandoff, requestHandoff } from '../../handoff/state';
import type { WidgetApiContext } from '../context';
import { authorizeVisitor } from '../context';
import { refusals } from '../errors';
import { corsHeaders, errorResponse, json, readJson } from '../http';
import type { HandoffStatus, LiveEvent, TranscriptMessage } from '../protocol';
import { ensureSession, handoffStatus, toTranscriptMessage, transcriptColumns } from '../store';

const handoffSchema = z
  .object({ reason: z.enum(['visitor', 'offer']).default('visitor') })
  .strict();

/**
 * POST /api/widget/{id}/handoff: the visitor asks for a person. The conversation waits in the
 * team's inbox (asking again keeps its place); from now on the visitor's messages go to the team
 * and the assistant stays quiet until a person hands it back.
 */
export async function postHandoff(
  ctx: WidgetApiContext,
  request: Request,
  widgetId: string,
): Promise<Response> {
  let headers = corsHeaders(null);
  try {
    const { claims, corsOrigin } = await authorizeVisitor(ctx, request, widgetId);
    headers = corsHeaders(corsOrigin);
    const { reason } = await readJson(request, handoffSchema);
    const userAgent = request.headers.get('user-agent') ?? undefined;
    if ((await ensureSession(ctx.db, claims, { userAgent })) === 'ended')
      throw refusals.sessionExpired();
    const handoff = await ctx.db.withTenant(claims.tid, (tx) =>
      requestHandoff(tx, { tenantId: claims.tid, sessionId: claims.sid, widgetId, reason }),
    );
    const body: HandoffStatus = handoffStatus(handoff);
    return json(body, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}

/** One stream lasts this long; the widget reconnects (and catches up from its last message). */
const STREAM_LIFETIME_MS = 5 * 60_000;
/** A comment line at least this often keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 15_000;
/** Re-read a little before the cursor: a reply whose transaction began earlier may commit later. */
const OVERLAP_MS = 5_000;

/**
 * GET /api/widget/{id}/events[?after=<ISO time>]: server-sent events while a person is asked for
 * or holds the conversation: the state (`handoff`) whenever it changes, and each message a person
 * writes (`message`), after `after` (the newest message the widget has). Each wake-up of the live
 * feed (NOTIFY, or the poll interval on the embedded server) re-reads under the tenant's RLS.
 */
export async function streamLiveEvents(
  ctx: WidgetApiContext,
  request: Request,
  widgetId: string,
): Promise<Response> {
  let headers = corsHeaders(null);
  try {
    const { claims, corsOrigin } = await authorizeVisitor(ctx, request, widgetId);
    headers = corsHeaders(corsOrigin);
    const after = z.iso
      .datetime({ offset: true })
      .optional()
      .safeParse(new URL(request.url).searchParams.get('after') ?? undefined);
    if (!after.success) throw refusals.badRequest('Invalid after.');
    const since = after.data ? new Date(after.data) : new Date();

    const stop = new AbortController();
    request.signal.addEventListener('abort', () => stop.abort(), { once: true });
    const deadline = setTimeout(() => stop.abort(), STREAM_LIFETIME_MS);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const write = (text: string) => {
          if (!stop.signal.aborted) controller.enqueue(encoder.encode(text));
        };
        const send = (event: LiveEvent) => write(`data: ${JSON.stringify(event)}\n\n`);
        let cursor = since;
        let lastState = '';
        const delivered = new Set<string>();
        try {
          while (!stop.signal.aborted) {
            const { handoff, replies } = await ctx.db.withTenant(claims.tid, async (tx) => ({
              handoff: handoffStatus(await readOpenHandoff(tx, claims.sid)),
              replies: await personMessagesSince(tx, claims.sid, cursor),
            }));
            const state = JSON.stringify(handoff);
            if (state !== lastState) send({ type: 'handoff', handoff });
            lastState = state;
            for (const message of replies) {
              if (delivered.has(message.id)) continue;
              delivered.add(message.id);
              send({ type: 'message', message });
              const at = new Date(message.createdAt);
              if (at > cursor) cursor = at;
            }
            write(': keepalive\n\n');
            await ctx.live.wait(sessionTopic(claims.sid), {
              signal: stop.signal,
              maxMs: KEEPALIVE_MS,
            });
          }
        } catch {
          // The database went away mid-stream: end it; the widget reconnects and catches up.
        } finally {
          clearTimeout(deadline);
          try {
            controller.close();
          } catch {
            // already closed by the visitor leaving
          }
        }
      },
      cancel() {
        stop.abort();
      },
    });
    headers.set('Content-Type', 'text/event-stream; charset=utf-8');
    headers.set('Cache-Control', 'no-cache, no-transform');
    headers.set('X-Accel-Buffering', 'no');
    return new Response(body, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}

async function personMessagesSince(
  tx: Tx,
  sessionId: string,
  cursor: Date,
): Promise<TranscriptMessage[]> {
  const rows = await tx
    .select(transcriptColumns)
    .from(messages)
    .where(
      and(
        eq(messages.tenantId, tenantOf(tx)),
        eq(messages.sessionId, sessionId),
        isNotNull(messages.authorId),
        gt(messages.timestamp, new Date(cursor.getTime() - OVERLAP_MS)),
      ),
    )
    .orderBy(messages.timestamp, messages.id)
    .limit(100);
  return rows.map(toTranscriptMessage);
}
