import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Visitor tokens: `base64url(header).base64url(claims).base64url(HMAC-SHA256)`, JWT-shaped so
 * standard tools can read them, but verified here with one fixed algorithm (no `alg` agility).
 * They are bearer tokens scoped to one widget, tenant, session and host origin, and short-lived;
 * `sst` (session start) bounds how long the same conversation can be resumed.
 */
export interface VisitorClaims {
  /** widget id */
  wid: string;
  /** tenant id (never supplied by the client: copied from the resolved widget) */
  tid: string;
  /** chat session id */
  sid: string;
  /** host page origin the session was started from */
  org: string;
  /** session start, epoch seconds */
  sst: number;
  /** issued at / expires, epoch seconds */
  iat: number;
  exp: number;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'PWV' }));

const claimsSchema = z.object({
  wid: z.string().uuid(),
  tid: z.string().uuid(),
  sid: z.string().uuid(),
  org: z.string().min(1).max(300),
  sst: z.number().int(),
  iat: z.number().int(),
  exp: z.number().int(),
});

export type TokenProblem = 'malformed' | 'bad-signature' | 'expired';

export class VisitorTokenError extends Error {
  constructor(readonly problem: TokenProblem) {
    super(`Visitor token ${problem}`);
    this.name = 'VisitorTokenError';
  }
}

export function signVisitorToken(claims: VisitorClaims, secret: string): string {
  const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${body}.${mac(body, secret)}`;
}

export interface VerifyOptions {
  /** epoch seconds; defaults to now */
  now?: number;
  /** Accept an expired token (signature still checked): only for resuming through session start. */
  allowExpired?: boolean;
}

/** Returns the claims of an authentic token; throws VisitorTokenError otherwise. */
export function verifyVisitorToken(
  token: string,
  secret: string,
  options: VerifyOptions = {},
): VisitorClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) throw new VisitorTokenError('malformed');
  const [header, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(mac(`${header}.${payload}`, secret));
  const given = Buffer.from(signature);
  // Compare in constant time; lengths differ only for garbage, which may fail fast.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new VisitorTokenError('bad-signature');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new VisitorTokenError('malformed');
  }
  const parsed = claimsSchema.safeParse(decoded);
  if (!parsed.success) throw new VisitorTokenError('malformed');
  const now = options.now ?? nowSeconds();
  if (!options.allowExpired && parsed.data.exp <= now) throw new VisitorTokenError('expired');
  return parsed.data;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function mac(data: string, secret: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
