import { AppError } from '@platform/errors';
import { z } from 'zod';

/** An unset variable and an empty one (`LIVEKIT_URL=` in a .env file) both mean "missing". */
const optional = <T extends z.ZodType>(type: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), type.optional());

const schema = z.object({
  /** The LiveKit server, as browsers reach it: ws(s):// (or http(s)://). `livekit-server --dev` is ws://localhost:7880. */
  LIVEKIT_URL: optional(z.url({ protocol: /^(wss?|https?)$/ })),
  /** Where this server calls the room service, when it differs from the browsers' URL (docker: http://livekit:7880). */
  LIVEKIT_API_URL: optional(z.url({ protocol: /^(wss?|https?)$/ })),
  LIVEKIT_API_KEY: optional(z.string().min(1)),
  LIVEKIT_API_SECRET: optional(z.string().min(1)),
  /** How long a join token may be used to connect. The server refreshes tokens of connected participants. */
  LIVEKIT_TOKEN_TTL_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  /** Signs guest invite links. Unset: a key derived from LIVEKIT_API_SECRET (rotating it voids open invites). */
  MEETING_GUEST_SECRET: optional(z.string().min(32)),
  /** Which price participant minutes get: LiveKit Cloud's, or none for an own server. Unset: from the URL's host. */
  LIVEKIT_PRICE_MODEL: optional(z.enum(['cloud', 'self-hosted'])),
});

/** The variables without which no meeting can be created, in the order the message names them. */
const REQUIRED = ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'] as const;

export interface LivekitConfig {
  /** Where browsers connect. */
  url: string;
  /** Where the room service is called (ws is mapped to http by the SDK); defaults to `url`. */
  apiUrl: string;
  apiKey: string;
  apiSecret: string;
  tokenTtlMinutes: number;
  guestSecret?: string;
  priceModel: 'cloud' | 'self-hosted';
}

export interface LivekitSettings {
  configured: boolean;
  /** Required variables that are unset or empty. */
  missing: string[];
  /** Variables that are set but not valid (a URL without ws/wss/http/https, ...). */
  invalid: string[];
  /** The browser-facing server URL when configured; never the key or secret. */
  url?: string;
}

type Source = Record<string, string | undefined>;

function inspect(source: Source): { config?: LivekitConfig; settings: LivekitSettings } {
  const parsed = schema.safeParse(source);
  const invalid = parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
  const env = parsed.success ? parsed.data : undefined;
  const missing = REQUIRED.filter((name) => {
    const value = source[name];
    return value === undefined || value.trim() === '';
  });
  if (!env || !env.LIVEKIT_URL || !env.LIVEKIT_API_KEY || !env.LIVEKIT_API_SECRET) {
    return { settings: { configured: false, missing, invalid } };
  }
  return {
    config: {
      url: env.LIVEKIT_URL,
      apiUrl: env.LIVEKIT_API_URL ?? env.LIVEKIT_URL,
      apiKey: env.LIVEKIT_API_KEY,
      apiSecret: env.LIVEKIT_API_SECRET,
      tokenTtlMinutes: env.LIVEKIT_TOKEN_TTL_MINUTES,
      guestSecret: env.MEETING_GUEST_SECRET,
      priceModel:
        env.LIVEKIT_PRICE_MODEL ??
        (new URL(env.LIVEKIT_URL).hostname.endsWith('.livekit.cloud') ? 'cloud' : 'self-hosted'),
    },
    settings: { configured: true, missing: [], invalid: [], url: env.LIVEKIT_URL },
  };
}

/** For the dashboard: whether meetings can work, and which variables to set if not. */
export function livekitSettings(source: Source = process.env): LivekitSettings {
  return inspect(source).settings;
}

/**
 * The LiveKit settings, or AppError('UNAVAILABLE') naming what to set. Read at each call (a zod
 * parse is cheap) so a restart is not needed to pick up a fixed .env in development.
 */
export function requireLivekitConfig(source: Source = process.env): LivekitConfig {
  const { config, settings } = inspect(source);
  if (config) return config;
  const problems = [
    settings.missing.length ? `missing ${settings.missing.join(', ')}` : '',
    settings.invalid.length ? `invalid ${settings.invalid.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  throw new AppError(
    'UNAVAILABLE',
    `Meetings are not configured: ${problems}. Set LIVEKIT_URL, LIVEKIT_API_KEY and ` +
      'LIVEKIT_API_SECRET (for local development, `livekit-server --dev` listens on ' +
      'ws://localhost:7880 with key "devkey" and secret "secret").',
    { details: { missing: settings.missing, invalid: settings.invalid } },
  );
}
