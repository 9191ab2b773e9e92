import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.string().optional(),
  /**
   * Master key from which each tenant's budget-webhook secret is derived (HMAC per tenant id), so
   * no secret is stored per tenant. Required in production; the default only suits development.
   */
  COSTS_WEBHOOK_SIGNING_KEY: z.string().min(32).optional(),
  /** Per-attempt timeout for budget webhooks. */
  COSTS_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  /**
   * Allow webhooks to loopback/private addresses (local testing). Off by default: a tenant-set URL
   * must not reach the platform's internal network.
   */
  COSTS_WEBHOOK_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** How long a budget reservation holds money if its call never settles or releases (crash). */
  COSTS_RESERVATION_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /** Extra price versions as JSON (see pricing/extra-prices.ts); none by default. */
  COSTS_EXTRA_PRICES: z.string().optional(),
});

export interface CostsEnv {
  webhookSigningKey: string;
  webhookTimeoutMs: number;
  webhookAllowPrivate: boolean;
  reservationTtlSeconds: number;
  extraPricesJson: string | undefined;
}

const DEV_SIGNING_KEY = 'development-only-budget-webhook-signing-key';

export function readCostsEnv(source: Record<string, string | undefined> = process.env): CostsEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid costs settings: ${fields}`);
  }
  const env = parsed.data;
  if (!env.COSTS_WEBHOOK_SIGNING_KEY && env.NODE_ENV === 'production') {
    throw new Error('COSTS_WEBHOOK_SIGNING_KEY must be set in production (32+ characters).');
  }
  return {
    webhookSigningKey: env.COSTS_WEBHOOK_SIGNING_KEY ?? DEV_SIGNING_KEY,
    webhookTimeoutMs: env.COSTS_WEBHOOK_TIMEOUT_MS,
    webhookAllowPrivate: env.COSTS_WEBHOOK_ALLOW_PRIVATE,
    reservationTtlSeconds: env.COSTS_RESERVATION_TTL_SECONDS,
    extraPricesJson: env.COSTS_EXTRA_PRICES,
  };
}
