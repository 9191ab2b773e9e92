import { z } from 'zod';
import { costServices } from '@platform/db';
import { readCostsEnv } from '../env';
import type { PriceVersion } from './price-table';
import { priceTable } from './price-table';
import { perMillion, perUnit } from './rates';
import { unitKinds } from './units';
import type { UnitKind } from './units';

const usd = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal USD string such as "0.15"');
const rates = z.partialRecord(z.enum(unitKinds), usd);
const extraSchema = z.array(
  z.object({
    provider: z
      .string()
      .min(1)
      .transform((s) => s.toLowerCase()),
    model: z
      .string()
      .min(1)
      .transform((s) => s.toLowerCase()),
    validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    service: z.enum(costServices),
    /** Token and character kinds, USD per million. */
    usdPerMillion: rates.default({}),
    /** Minute and image kinds, USD per unit. */
    usdPerUnit: rates.default({}),
  }),
);

/**
 * Deployment-specific prices (COSTS_EXTRA_PRICES, JSON): a self-hosted OpenAI-compatible model,
 * a negotiated rate. Appended to the built-in table, so they can also add newer versions of a
 * built-in model. Explicit "0" prices make a model free on purpose.
 */
export function parseExtraPrices(json: string | undefined): PriceVersion[] {
  if (!json) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('Invalid COSTS_EXTRA_PRICES: not JSON.');
  }
  const parsed = extraSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `Invalid COSTS_EXTRA_PRICES: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data.map((p) => {
    const r: Partial<Record<UnitKind, bigint>> = {};
    for (const [kind, value] of Object.entries(p.usdPerMillion))
      r[kind as UnitKind] = perMillion(value);
    for (const [kind, value] of Object.entries(p.usdPerUnit)) r[kind as UnitKind] = perUnit(value);
    return {
      provider: p.provider,
      model: p.model,
      validFrom: p.validFrom,
      service: p.service,
      rates: r,
      note: 'COSTS_EXTRA_PRICES',
    };
  });
}

let effective: readonly PriceVersion[] | undefined;

/** The built-in table plus COSTS_EXTRA_PRICES, read once. */
export function effectivePriceTable(): readonly PriceVersion[] {
  return (effective ??= [...priceTable, ...parseExtraPrices(readCostsEnv().extraPricesJson)]);
}
