import { createLiveFeed } from '@platform/db';
import type { Database, LiveFeed } from '@platform/db';
import type { ChatEngine } from './chat-engine';
import type { WidgetApiContext } from './context';
import type { WidgetEnv } from './env';
import { readWidgetEnv } from './env';
import { refusals } from './errors';
import { corsHeaders, errorResponse, json } from './http';
import { postChat } from './handlers/chat';
import { diagnose } from './handlers/diagnose';
import { startSession, widgetPreflight } from './handlers/session';
import { getTranscript, postFeedback, renewToken } from './handlers/visitor';
import { postHandoff, streamLiveEvents } from './handlers/handoff';
import { PostgresRateLimiter } from './rate-limit';
import type { RateLimiter } from './rate-limit';
import { nowSeconds } from './token';
import { sharedWidgetCache } from './widget-cache';
import type { WidgetCache } from './widget-cache';

export interface WidgetApiDeps {
  db: Database;
  engine: ChatEngine;
  /** Defaults to the Postgres-backed limiter on `db`. */
  limiter?: RateLimiter;
  /** Defaults to the deployment's feed (LISTEN/NOTIFY, or polling on the embedded server). */
  live?: LiveFeed;
  /** Defaults to the process's cache, which the dashboard's mutations invalidate. */
  widgetCache?: WidgetCache;
  /** Defaults to `readWidgetEnv()`. */
  env?: WidgetEnv;
  /** epoch seconds; defaults to the wall clock */
  now?: () => number;
}

export interface WidgetApi {
  /** Any request under `/api/widget/` -> its response. Framework-free: a fetch Request in, a Response out. */
  handle(request: Request): Promise<Response>;
}

type Handler = (ctx: WidgetApiContext, request: Request, widgetId: string) => Promise<Response>;

const routes: Record<string, Partial<Record<string, Handler>>> = {
  session: { POST: startSession },
  token: { POST: renewToken },
  messages: { GET: getTranscript },
  chat: { POST: postChat },
  feedback: { POST: postFeedback },
  diagnose: { GET: diagnose },
  handoff: { POST: postHandoff },
  events: { GET: streamLiveEvents },
};

const ROUTE = /\/api\/widget\/([^/]+)\/([a-z]+)\/?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The public widget API: `/api/widget/{widgetId}/{session|token|messages|chat|feedback|diagnose|handoff|events}`.
 * Mount `handle` for GET, POST and OPTIONS under `/api/widget/[...path]` in the web app.
 */
export function createWidgetApi(deps: WidgetApiDeps): WidgetApi {
  const ctx: WidgetApiContext = {
    db: deps.db,
    engine: deps.engine,
    limiter: deps.limiter ?? new PostgresRateLimiter(deps.db),
    live: deps.live ?? createLiveFeed(),
    widgets: deps.widgetCache ?? sharedWidgetCache(),
    env: deps.env ?? readWidgetEnv(),
    now: deps.now ?? nowSeconds,
  };
  return {
    async handle(request) {
      const match = ROUTE.exec(new URL(request.url).pathname);
      const widgetId = match?.[1];
      const route = match?.[2] ? routes[match[2]] : undefined;
      if (!widgetId || !route)
        return json(
          { error: { code: 'not_found', message: 'Unknown widget API route.' } },
          { status: 404 },
        );
      if (!UUID.test(widgetId)) return errorResponse(refusals.widgetNotFound(), corsHeaders(null));
      if (request.method === 'OPTIONS')
        return widgetPreflight(ctx, request, widgetId.toLowerCase());
      const handler = route[request.method];
      if (!handler) {
        const headers = corsHeaders(null);
        headers.set('Allow', [...Object.keys(route), 'OPTIONS'].join(', '));
        return new Response(null, { status: 405, headers });
      }
      return handler(ctx, request, widgetId.toLowerCase());
    },
  };
}
