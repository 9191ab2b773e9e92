import type { Database, LiveFeed } from '@platform/db';
import { clientAddress } from '../lib/client-address';
import type { ChatEngine } from './chat-engine';
import type { WidgetEnv } from './env';
import { refusals } from './errors';
import { bearerToken } from './http';
import { isOriginAllowed, normalizeOrigin } from './origin';
import type { RateLimiter, RateLimitRule } from './rate-limit';
import type { ResolvedWidget } from './store';
import { resolveWidget } from './store';
import { VisitorTokenError, verifyVisitorToken } from './token';
import type { VisitorClaims } from './token';
import type { WidgetCache } from './widget-cache';

export interface WidgetApiContext {
  db: Database;
  engine: ChatEngine;
  limiter: RateLimiter;
  /** Wake-ups for the visitor's live view of a conversation with a person. */
  live: LiveFeed;
  /** Widget resolutions kept briefly (see widget-cache.ts). */
  widgets: WidgetCache;
  env: WidgetEnv;
  /** epoch seconds; injectable for token-expiry tests */
  now: () => number;
}

export function rateRules(
  env: WidgetEnv,
  parts: { ip: string; widgetId?: string; sessionId?: string },
): RateLimitRule[] {
  const rules: RateLimitRule[] = [
    { key: `widget-ip:${parts.ip}`, limit: env.WIDGET_RATE_LIMIT_IP },
  ];
  if (parts.widgetId)
    rules.push({ key: `widget:${parts.widgetId}`, limit: env.WIDGET_RATE_LIMIT_WIDGET });
  if (parts.sessionId)
    rules.push({ key: `widget-visitor:${parts.sessionId}`, limit: env.WIDGET_RATE_LIMIT_VISITOR });
  return rules;
}

export async function enforceRateLimit(
  ctx: WidgetApiContext,
  rules: RateLimitRule[],
): Promise<void> {
  const decision = await ctx.limiter.consume(rules, ctx.env.WIDGET_RATE_WINDOW_SECONDS);
  if (!decision.allowed) throw refusals.rateLimited(decision.retryAfterSeconds);
}

export function checkWidget(widget: ResolvedWidget | null, origin: string | null): ResolvedWidget {
  if (!widget) throw refusals.widgetNotFound();
  if (!widget.isActive) throw refusals.widgetInactive();
  if (!isOriginAllowed(origin, widget.domainWhitelist)) throw refusals.originNotAllowed(origin);
  return widget;
}

export interface Visitor {
  claims: VisitorClaims;
  widget: ResolvedWidget;
  /** CORS origin to echo: the host page when it calls directly; null for the same-origin frame. */
  corsOrigin: string | null;
}

/**
 * Every call after session start: a valid, unexpired token for this widget, sent from the host
 * page it was issued to or from our own frame; within the rate limits; and the widget still
 * active and still allowing that origin (a change in the dashboard takes effect at once).
 */
export async function authorizeVisitor(
  ctx: WidgetApiContext,
  request: Request,
  widgetId: string,
): Promise<Visitor> {
  const token = bearerToken(request);
  if (!token) throw refusals.invalidToken();
  let claims: VisitorClaims;
  try {
    claims = verifyVisitorToken(token, ctx.env.WIDGET_TOKEN_SECRET, { now: ctx.now() });
  } catch (error) {
    if (error instanceof VisitorTokenError && error.problem === 'expired')
      throw refusals.tokenExpired();
    throw refusals.invalidToken();
  }
  if (claims.wid !== widgetId) throw refusals.invalidToken();

  const origin = normalizeOrigin(request.headers.get('origin'));
  const fromHost = origin !== null && origin === claims.org;
  if (origin !== null && !fromHost && !isSameOrigin(request, origin))
    throw refusals.originNotAllowed(origin);

  await enforceRateLimit(
    ctx,
    rateRules(ctx.env, {
      ip: clientAddress(request.headers),
      widgetId,
      sessionId: claims.sid,
    }),
  );
  const widget = checkWidget(await resolveWidgetCached(ctx, widgetId), claims.org);
  if (widget.tenantId !== claims.tid) throw refusals.invalidToken();
  return { claims, widget, corsOrigin: fromHost ? origin : null };
}

/** The widget from the cache, loaded on a miss (the dashboard's changes invalidate it). */
export function resolveWidgetCached(
  ctx: WidgetApiContext,
  widgetId: string,
): Promise<ResolvedWidget | null> {
  return ctx.widgets.resolve(widgetId, (id) => resolveWidget(ctx.db, id));
}

/** A request from a page on the API's own origin: the chat frame. */
function isSameOrigin(request: Request, origin: string): boolean {
  if (request.headers.get('sec-fetch-site') === 'same-origin') return true;
  return origin === new URL(request.url).origin;
}
