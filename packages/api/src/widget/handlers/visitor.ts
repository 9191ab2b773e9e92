import { z } from 'zod';
import type { WidgetApiContext } from '../context';
import { authorizeVisitor } from '../context';
import { refusals } from '../errors';
import { corsHeaders, errorResponse, json, readJson } from '../http';
import type { TokenResponse, TranscriptResponse } from '../protocol';
import { readTranscript, setFeedback } from '../store';
import { signVisitorToken } from '../token';

/** POST /api/widget/{id}/token: a fresh token for the same session, until the session's lifetime ends. */
export async function renewToken(
  ctx: WidgetApiContext,
  request: Request,
  widgetId: string,
): Promise<Response> {
  let headers = corsHeaders(null);
  try {
    const { claims, corsOrigin } = await authorizeVisitor(ctx, request, widgetId);
    headers = corsHeaders(corsOrigin);
    const now = ctx.now();
    if (now - claims.sst >= ctx.env.WIDGET_SESSION_TTL_SECONDS) throw refusals.sessionExpired();
    const next = { ...claims, iat: now, exp: now + ctx.env.WIDGET_TOKEN_TTL_SECONDS };
    const body: TokenResponse = {
      token: signVisitorToken(next, ctx.env.WIDGET_TOKEN_SECRET),
      expiresAt: next.exp,
    };
    return json(body, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}

/** GET /api/widget/{id}/messages: the visitor's conversation, so a reload shows it again. */
export async function getTranscript(
  ctx: WidgetApiContext,
  request: Request,
  widgetId: string,
): Promise<Response> {
  let headers = corsHeaders(null);
  try {
    const { claims, corsOrigin } = await authorizeVisitor(ctx, request, widgetId);
    headers = corsHeaders(corsOrigin);
    const body: TranscriptResponse = await readTranscript(ctx.db, claims);
    return json(body, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}

const feedbackSchema = z
  .object({ messageId: z.string().uuid(), value: z.enum(['up', 'down']).nullable() })
  .strict();

/** POST /api/widget/{id}/feedback: thumbs up/down on an answer, stored in the message's metadata. */
export async function postFeedback(
  ctx: WidgetApiContext,
  request: Request,
  widgetId: string,
): Promise<Response> {
  let headers = corsHeaders(null);
  try {
    const { claims, corsOrigin } = await authorizeVisitor(ctx, request, widgetId);
    headers = corsHeaders(corsOrigin);
    const body = await readJson(request, feedbackSchema);
    if (!(await setFeedback(ctx.db, claims, body.messageId, body.value))) throw refusals.notFound();
    return json({ ok: true }, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}
