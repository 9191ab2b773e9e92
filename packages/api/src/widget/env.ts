import { z } from 'zod';

/** A development-only signing secret: refused in production, where WIDGET_TOKEN_SECRET must be set. */
export const DEV_WIDGET_TOKEN_SECRET = 'dev-only-widget-token-secret-change-me-0123456789';

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const schema = z
  .object({
    NODE_ENV: z.string().default('development'),
    /** HMAC-SHA256 key for visitor tokens; at least 32 characters. */
    WIDGET_TOKEN_SECRET: z.string().min(32).optional(),
    /** A visitor token's lifetime; the frame renews it before it ends. */
    WIDGET_TOKEN_TTL_SECONDS: positiveInt(15 * 60),
    /** How long a visitor can come back (reload, new tab) to the same conversation. */
    WIDGET_SESSION_TTL_SECONDS: positiveInt(12 * 60 * 60),
    /** Longest visitor message, in characters. */
    WIDGET_MAX_MESSAGE_CHARS: positiveInt(2000),
    /** Fixed rate-limit window and the requests allowed in it per visitor, per IP and per widget. */
    WIDGET_RATE_WINDOW_SECONDS: positiveInt(60),
    WIDGET_RATE_LIMIT_VISITOR: positiveInt(30),
    WIDGET_RATE_LIMIT_IP: positiveInt(120),
    WIDGET_RATE_LIMIT_WIDGET: positiveInt(3000),
    /** Log each chat turn's phase timings (`[turn-timing]` lines, read by `pnpm bench turn`). */
    CHAT_TURN_TIMING: z
      .enum(['0', '1', 'false', 'true'])
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
    /** Where the built widget (apps/widget/dist) is; found relative to the working directory if unset. */
    WIDGET_DIST_DIR: z.string().optional(),
  })
  .transform((env, ctx) => {
    if (!env.WIDGET_TOKEN_SECRET && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['WIDGET_TOKEN_SECRET'],
        message: 'required in production (a random string of at least 32 characters)',
      });
      return z.NEVER;
    }
    return { ...env, WIDGET_TOKEN_SECRET: env.WIDGET_TOKEN_SECRET ?? DEV_WIDGET_TOKEN_SECRET };
  });

export type WidgetEnv = z.infer<typeof schema>;

export function readWidgetEnv(source: Record<string, string | undefined> = process.env): WidgetEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid widget settings: ${fields}`);
  }
  return parsed.data;
}
