import type { z } from 'zod';
import { describeError, refusals } from './errors';

/**
 * CORS exactly as needed: only a whitelisted origin is ever echoed (never `*`), no credentials
 * (the widget uses a bearer token, not cookies), and `Vary: Origin` so caches keep answers apart.
 */
export function corsHeaders(allowedOrigin: string | null): Headers {
  const headers = new Headers({ Vary: 'Origin' });
  if (allowedOrigin) {
    headers.set('Access-Control-Allow-Origin', allowedOrigin);
    headers.set('Access-Control-Expose-Headers', 'Retry-After');
  }
  return headers;
}

export function preflight(allowedOrigin: string | null, methods: string): Response {
  const headers = corsHeaders(allowedOrigin);
  if (allowedOrigin) {
    headers.set('Access-Control-Allow-Methods', methods);
    headers.set('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    headers.set('Access-Control-Max-Age', '600');
  }
  return new Response(null, { status: 204, headers });
}

export function json(body: unknown, init: { status?: number; headers?: Headers } = {}): Response {
  const headers = init.headers ?? new Headers();
  headers.set('Content-Type', 'application/json; charset=utf-8');
  headers.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}

export function errorResponse(error: unknown, headers: Headers = new Headers()): Response {
  const { status, body } = describeError(error);
  if (body.error.retryAfterSeconds)
    headers.set('Retry-After', String(body.error.retryAfterSeconds));
  return json(body, { status, headers });
}

const MAX_BODY_BYTES = 32 * 1024;

/** Reads a small JSON body (any content type: the loader may send text/plain) and validates it. */
export async function readJson<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.infer<S>> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw refusals.badRequest('The request is too large.');
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw refusals.badRequest('The request is too large.');
  let value: unknown = {};
  if (text.trim()) {
    try {
      value = JSON.parse(text);
    } catch {
      throw refusals.badRequest('The request body is not JSON.');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const tooLong = parsed.error.issues.find(
      (i) => i.code === 'too_big' && i.path[0] === 'content',
    );
    if (tooLong && 'maximum' in tooLong) throw refusals.messageTooLong(Number(tooLong.maximum));
    throw refusals.badRequest(
      `Invalid ${parsed.error.issues.map((i) => i.path.join('.') || 'body').join(', ')}.`,
    );
  }
  return parsed.data;
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+([A-Za-z0-9_\-.]+)$/.exec(header.trim()) : null;
  return match?.[1] ?? null;
}
