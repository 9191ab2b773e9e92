import { z } from 'zod';
import type { EngineEvent } from '../chat-engine';
import type { WidgetApiContext } from '../context';
import { authorizeVisitor } from '../context';
import { describeError, FRIENDLY, refusals } from '../errors';
import { corsHeaders, errorResponse, readJson } from '../http';
import type { ChatStreamEvent, WidgetErrorCode } from '../protocol';
import { asksForPerson } from '../../handoff/intent';
import { readOpenHandoff, storeIfWithPerson, storeVisitorMessage } from '../../handoff/state';
import { ensureSessionIn, handoffStatus, publicSources } from '../store';
import { TurnPhaseTimer } from '../timing';
import type { VisitorClaims } from '../token';

/**
 * POST /api/widget/{id}/chat: one turn, answered as server-sent events (a ReadableStream the
 * route handler returns as is). Everything that can be refused is checked before the stream
 * starts, so refusals are plain HTTP errors; once streaming, failures become an `error` event
 * with a friendly message and the chat stays usable.
 */
export async function postChat(
  ctx: WidgetApiContext,
  request: Request,
  widgetId: string,
): Promise<Response> {
  let headers = corsHeaders(null);
  const timer = ctx.env.CHAT_TURN_TIMING ? new TurnPhaseTimer(() => ctx.db.activity()) : undefined;
  try {
    const { claims, corsOrigin } = await authorizeVisitor(ctx, request, widgetId);
    timer?.lap('auth');
    headers = corsHeaders(corsOrigin);
    const schema = z
      .object({ content: z.string().trim().min(1).max(ctx.env.WIDGET_MAX_MESSAGE_CHARS) })
      .strict();
    const { content } = await readJson(request, schema);
    const userAgent = request.headers.get('user-agent') ?? undefined;
    const person = await sessionAndPersonGate(ctx, claims, content, userAgent);
    timer?.lap('session');
    if (person) return sseOf(person, headers);

    const abort = new AbortController();
    request.signal.addEventListener('abort', () => abort.abort(), { once: true });
    const turn = ctx.engine.streamChatTurn({
      tenantId: claims.tid,
      sessionId: claims.sid,
      widgetId,
      content,
      signal: abort.signal,
      timer,
    });
    const events = turn[Symbol.asyncIterator]();

    headers.set('Content-Type', 'text/event-stream; charset=utf-8');
    // no-transform: keeps compression middleware (Next's included) from buffering the stream.
    headers.set('Cache-Control', 'no-cache, no-transform');
    headers.set('X-Accel-Buffering', 'no');
    return new Response(sseStream(events, abort, timer), { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}

/**
 * One transaction before any AI work: the session (created on first use; an ended one refuses
 * the turn), then the handoff gate. Held by (or waiting for) a person -> the message is stored and
 * the team woken, no AI. Asked for a human in plain words -> stored, and the widget offers a
 * person instead of an answer. Otherwise null: the assistant answers. The session statement and
 * the handoff read go to the database together (one round trip).
 */
async function sessionAndPersonGate(
  ctx: WidgetApiContext,
  claims: VisitorClaims,
  content: string,
  userAgent: string | undefined,
): Promise<ChatStreamEvent[] | null> {
  const input = { tenantId: claims.tid, sessionId: claims.sid, content };
  return ctx.db.withTenant(claims.tid, async (tx) => {
    const [session, handoff] = await Promise.all([
      ensureSessionIn(tx, claims, { userAgent }),
      readOpenHandoff(tx, claims.sid),
    ]);
    if (session === 'ended') throw refusals.sessionExpired();
    const held = await storeIfWithPerson(tx, input, handoff);
    if (held)
      return [
        { type: 'user-message', id: held.messageId },
        { type: 'with-person', handoff: handoffStatus(held.handoff) },
      ];
    if (!asksForPerson(content)) return null;
    const stored = await storeVisitorMessage(tx, input);
    return [{ type: 'user-message', id: stored }, { type: 'offer-person' }];
  });
}

function sseOf(events: ChatStreamEvent[], headers: Headers): Response {
  headers.set('Content-Type', 'text/event-stream; charset=utf-8');
  headers.set('Cache-Control', 'no-cache, no-transform');
  const text = events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');
  return new Response(text, { headers });
}

function sseStream(
  events: AsyncIterator<EngineEvent>,
  abort: AbortController,
  timer?: TurnPhaseTimer,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let finished = false;
  // No passage was found (or the engine says none was relevant): the answer cannot be grounded,
  // so the widget offers a person with it.
  let noSources = false;
  // Set once the visitor has gone (cancel) or the stream is closed: nothing may be enqueued after.
  let closed = false;
  const send = (
    controller: ReadableStreamDefaultController<Uint8Array>,
    event: ChatStreamEvent,
  ) => {
    if (!closed) controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
  };
  const close = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (closed) return;
    closed = true;
    controller.close();
    timer?.log(finished ? 'finished' : 'closed');
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) {
          if (!finished) send(controller, failure('internal'));
          close(controller);
          return;
        }
        if (next.value.type === 'sources') noSources = next.value.sources.length === 0;
        const event = toWire(next.value);
        const unanswered = next.value.type === 'done' && next.value.unanswered === true;
        if (event.type === 'done' && (noSources || unanswered)) event.offerPerson = true;
        if (event.type === 'done' || event.type === 'error') finished = true;
        send(controller, event);
        if (finished) {
          close(controller);
          await events.return?.();
        }
      } catch (error) {
        const { body } = describeError(error);
        send(controller, failure(body.error.code, body.error.message));
        close(controller);
      }
    },
    async cancel() {
      // The visitor left: stop the engine (it stores the answer as interrupted).
      closed = true;
      abort.abort();
      await events.return?.();
    },
  });
}

function toWire(event: EngineEvent): ChatStreamEvent {
  switch (event.type) {
    case 'user-message':
      return { type: 'user-message', id: event.messageId };
    case 'sources':
      return { type: 'sources', sources: publicSources(event.sources) };
    case 'delta':
      return { type: 'delta', text: event.text };
    case 'done':
      return { type: 'done', id: event.messageId };
    case 'error': {
      const budget = event.code === 'budget_exceeded' || event.code === 'BUDGET_EXCEEDED';
      return {
        type: 'error',
        code: budget ? 'budget_exceeded' : 'unavailable',
        message: event.message || (budget ? FRIENDLY.budget : FRIENDLY.unavailable),
        retryable: !budget,
      };
    }
  }
}

function failure(code: WidgetErrorCode, message?: string): ChatStreamEvent {
  const text =
    code === 'budget_exceeded'
      ? FRIENDLY.budget
      : code === 'unavailable'
        ? FRIENDLY.unavailable
        : (message ?? FRIENDLY.internal);
  return { type: 'error', code, message: text, retryable: code !== 'budget_exceeded' };
}
