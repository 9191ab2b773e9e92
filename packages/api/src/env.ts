import { z } from 'zod';
import { trustedProxyList } from './lib/trusted-proxies';

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  /** The dashboard's public URL: invitation links point here. */
  APP_URL: z.string().url().default('http://localhost:3000'),
  /** The widget loader the embed snippet references. */
  WIDGET_SCRIPT_URL: z.string().url().default('http://localhost:3000/embed.js'),
  /**
   * Proxies in front of the app that each append to X-Forwarded-For (lib/client-address.ts).
   * 0, the default, trusts none: the client address is the TCP peer. WIDGET_TRUSTED_PROXY_HOPS is
   * the old name, still read.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Instead of a hop count: the proxies' addresses, comma-separated CIDR ranges or addresses
   * (`10.0.0.0/8, fd00::/8`). The client is the first address, from the right of
   * X-Forwarded-For after the peer, outside them.
   */
  TRUSTED_PROXY_CIDRS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const entries = value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      try {
        trustedProxyList(entries);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
      return entries;
    }),
  /** Set by apps/web/server.mjs (never by hand): the request header carrying the TCP peer address. */
  PLATFORM_PEER_ADDRESS_HEADER: z
    .string()
    .regex(/^x-[a-z0-9-]{8,100}$/)
    .optional(),
  /**
   * Password sign-in attempts allowed per window and client address (any emails), and sign-ups
   * per client address: enough for people behind one office address, not for guessing.
   */
  AUTH_RATE_WINDOW_SECONDS: positiveInt(15 * 60),
  SIGN_IN_RATE_LIMIT_IP: positiveInt(50),
  /**
   * Wrong passwords before sign-in delays start (then 1 s, 2 s, 4 s, ... after each new one):
   * from one address on one email (delays up to AUTH_RATE_WINDOW_SECONDS, the failures
   * forgotten a day after the first), and on one email from every address together within
   * AUTH_RATE_WINDOW_SECONDS (delays up to a minute). One address's guesses cannot reach the
   * second, so an attacker cannot lock out a user who signs in from elsewhere.
   */
  SIGN_IN_FREE_FAILURES: positiveInt(5),
  SIGN_IN_FREE_FAILURES_EMAIL: positiveInt(20),
  SIGN_UP_RATE_LIMIT_IP: positiveInt(20),
  /** Knowledge files uploaded plus URLs added per tenant and window (each one is parsed). */
  UPLOAD_RATE_LIMIT_TENANT: positiveInt(60),
  UPLOAD_RATE_WINDOW_SECONDS: positiveInt(10 * 60),
});

export type ApiEnv = z.infer<typeof schema>;

export function readApiEnv(source: Record<string, string | undefined> = process.env): ApiEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  cleaned.TRUSTED_PROXY_HOPS ??= cleaned.WIDGET_TRUSTED_PROXY_HOPS;
  const parsed = schema
    .refine((env) => env.TRUSTED_PROXY_HOPS === 0 || env.TRUSTED_PROXY_CIDRS.length === 0, {
      path: ['TRUSTED_PROXY_CIDRS'],
      message: 'set TRUSTED_PROXY_HOPS or TRUSTED_PROXY_CIDRS, not both',
    })
    .safeParse(cleaned);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid API settings: ${fields}`);
  }
  return { ...parsed.data, APP_URL: parsed.data.APP_URL.replace(/\/+$/, '') };
}

let cached: ApiEnv | undefined;
/** The process's settings, read once. */
export const apiEnv = (): ApiEnv => (cached ??= readApiEnv());

/**
 * Read at each call, not cached: whether error bodies may carry stack traces and internal
 * messages (never in production).
 */
export const isProduction = (source: Record<string, string | undefined> = process.env): boolean =>
  source.NODE_ENV === 'production';
