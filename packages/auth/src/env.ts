import { z } from 'zod';

// Empty strings (common in .env files) count as unset.
const optional = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Encrypts the session cookie. Required in production; a fixed dev value otherwise. */
  AUTH_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32).optional()),
  /** Lifetime of a sign-in: the auth_sessions row and the cookie both end then. */
  AUTH_SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(30 * 24 * 60 * 60),
  /** Trust the Host / X-Forwarded-Host header (behind a reverse proxy in production). */
  AUTH_TRUST_HOST: z
    .preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false', '1', '0']).optional())
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  AUTH_GOOGLE_ID: optional,
  AUTH_GOOGLE_SECRET: optional,
  AUTH_MICROSOFT_ENTRA_ID_ID: optional,
  AUTH_MICROSOFT_ENTRA_ID_SECRET: optional,
  /** e.g. https://login.microsoftonline.com/<tenant-id>/v2.0; Auth.js' default is the common endpoint. */
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: optional,
});

export interface AuthEnv {
  nodeEnv: 'development' | 'test' | 'production';
  secret: string;
  sessionMaxAgeSeconds: number;
  trustHost: boolean | undefined;
  google?: { clientId: string; clientSecret: string };
  microsoftEntraId?: { clientId: string; clientSecret: string; issuer?: string };
}

/** Not a secret: only ever used outside production, where readAuthEnv refuses to start without one. */
const DEV_SECRET = 'dev-only-auth-secret-never-used-in-production-0123456789';

export function readAuthEnv(source: Record<string, string | undefined> = process.env): AuthEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid auth settings: ${fields}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production' && !env.AUTH_SECRET) {
    throw new Error(
      'AUTH_SECRET is required in production (at least 32 characters, e.g. `openssl rand -base64 32`).',
    );
  }
  return {
    nodeEnv: env.NODE_ENV,
    secret: env.AUTH_SECRET ?? DEV_SECRET,
    sessionMaxAgeSeconds: env.AUTH_SESSION_MAX_AGE_SECONDS,
    trustHost: env.AUTH_TRUST_HOST,
    // A provider is offered only when all of its settings are present.
    google:
      env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET
        ? { clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }
        : undefined,
    microsoftEntraId:
      env.AUTH_MICROSOFT_ENTRA_ID_ID && env.AUTH_MICROSOFT_ENTRA_ID_SECRET
        ? {
            clientId: env.AUTH_MICROSOFT_ENTRA_ID_ID,
            clientSecret: env.AUTH_MICROSOFT_ENTRA_ID_SECRET,
            issuer: env.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
          }
        : undefined,
  };
}
