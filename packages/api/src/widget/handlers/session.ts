import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { WidgetApiContext } from '../context';
import { checkWidget, enforceRateLimit, rateRules, resolveWidgetCached } from '../context';
import { clientAddress } from '../../lib/client-address';
import { corsHeaders, errorResponse, json, preflight, readJson } from '../http';
import { isOriginAllowed, normalizeOrigin } from '../origin';
import type { SessionStartResponse } from '../protocol';
import { publicSettings, readSession } from '../store';
import type { ResolvedWidget } from '../store';
import { signVisitorToken, verifyVisitorToken } from '../token';
import type { VisitorClaims } from '../token';

const bodySchema = z.object({ resumeToken: z.string().max(2048).optional() }).strict();

/**
 * POST /api/widget/{id}/session, called by the loader from the host page so the server sees the
 * page's real Origin. Issues a visitor token for a new session, or for the visitor's earlier
 * session when the frame kept its token and that session is still within its lifetime.
 */
export async function startSession(
  ctx: WidgetApiContext,
  request: Request,
  widgetId: string,
): Promise<Response> {
  const origin = normalizeOrigin(request.headers.get('origin'));
  const widget = await resolveWidgetCached(ctx, widgetId);
  // Only a whitelisted origin ever gets CORS headers; other pages cannot read any answer.
  const allowed =
    widget?.isActive === true && isOriginAllowed(origin, widget.domainWhitelist) ? origin : null;
  const headers = corsHeaders(allowed);
  try {
    await enforceRateLimit(
      ctx,
      rateRules(ctx.env, {
        ip: clientAddress(request.headers),
        widgetId: widget?.id,
      }),
    );
    const checked = checkWidget(widget, origin);
    const body = await readJson(request, bodySchema);
    const now = ctx.now();
    const resumed = body.resumeToken
      ? await resumable(ctx, body.resumeToken, checked, origin!, now)
      : null;
    const claims: VisitorClaims = {
      wid: checked.id,
      tid: checked.tenantId,
      sid: resumed?.sid ?? randomUUID(),
      org: origin!,
      sst: resumed?.sst ?? now,
      iat: now,
      exp: now + ctx.env.WIDGET_TOKEN_TTL_SECONDS,
    };
    const response: SessionStartResponse = {
      token: signVisitorToken(claims, ctx.env.WIDGET_TOKEN_SECRET),
      expiresAt: claims.exp,
      sessionId: claims.sid,
      resumed: resumed !== null,
      widget: publicSettings(checked),
      maxMessageChars: ctx.env.WIDGET_MAX_MESSAGE_CHARS,
    };
    return json(response, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}

/**
 * An earlier token of this widget and origin, authentic (expiry aside: the visitor may come back
 * after it lapsed), whose session is within its lifetime and has not ended. Anything else just
 * starts a new conversation: a stale token is not an error for the visitor.
 */
async function resumable(
  ctx: WidgetApiContext,
  token: string,
  widget: ResolvedWidget,
  origin: string,
  now: number,
): Promise<VisitorClaims | null> {
  let claims: VisitorClaims;
  try {
    claims = verifyVisitorToken(token, ctx.env.WIDGET_TOKEN_SECRET, { allowExpired: true, now });
  } catch {
    return null;
  }
  if (claims.wid !== widget.id || claims.tid !== widget.tenantId || claims.org !== origin)
    return null;
  if (now - claims.sst >= ctx.env.WIDGET_SESSION_TTL_SECONDS) return null;
  const session = await readSession(ctx.db, claims);
  if (session && (session.widgetId !== widget.id || session.endedAt)) return null;
  return claims;
}

/** OPTIONS for any widget route: allowed only for the widget's whitelisted origins. */
export async function widgetPreflight(
  ctx: WidgetApiContext,
  request: Request,
  widgetId: string,
): Promise<Response> {
  const origin = normalizeOrigin(request.headers.get('origin'));
  const widget = await resolveWidgetCached(ctx, widgetId);
  const allowed =
    widget?.isActive === true && isOriginAllowed(origin, widget.domainWhitelist) ? origin : null;
  return preflight(allowed, 'GET, POST, OPTIONS');
}
