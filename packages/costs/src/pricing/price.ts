import { AppError } from '@platform/errors';
import { effectivePriceTable } from './extra-prices';
import type { PriceVersion } from './price-table';
import type { Usage } from './units';
import { isWholeKind, unitKinds } from './units';

export interface PricedUsage {
  /** Total cost, integer micro-dollars, rounded half up once after summing every unit kind. */
  microUsd: bigint;
  /** "provider/model@validFrom": which version priced it, stored with the event. */
  priceVersion: string;
  version: PriceVersion;
}

/**
 * Provider model ids carry snapshot dates ("gpt-4o-mini-2024-07-18",
 * "claude-sonnet-4-5-20250929") or "-latest"; the table keys on the family, priced by the event
 * date. Lower-cased, trimmed.
 */
export function normalizeModel(model: string): string {
  return model
    .trim()
    .toLowerCase()
    .replace(/-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/, '');
}

/**
 * The version in force at `at`: the latest whose validFrom is on or before it. An event dated
 * before a model's first version takes that first version (backfills of old usage), rather than
 * failing. A model the table does not know is an error, never a silent zero.
 */
export function findPrice(
  provider: string,
  model: string,
  at: Date,
  table: readonly PriceVersion[] = effectivePriceTable(),
): PriceVersion {
  const p = provider.trim().toLowerCase();
  const m = normalizeModel(model);
  const versions = table
    .filter((v) => v.provider === p && (v.model === m || v.model === '*'))
    // An exact model beats a provider wildcard; then newest first.
    .sort(
      (a, b) =>
        Number(a.model === '*') - Number(b.model === '*') || b.validFrom.localeCompare(a.validFrom),
    );
  const exact = versions.filter((v) => v.model === versions[0]?.model);
  const day = at.toISOString().slice(0, 10);
  const version = exact.find((v) => v.validFrom <= day) ?? exact.at(-1);
  if (!version) {
    throw new AppError(
      'UNAVAILABLE',
      `No price is known for ${provider}/${model}; add it to the price table (or COSTS_EXTRA_PRICES) before using it.`,
      {
        details: { provider, model },
      },
    );
  }
  return version;
}

/** Prices `usage` with the version in force at `at`. Pure: no clock, no database. */
export function priceUsage(
  input: { provider: string; model: string; usage: Usage; at: Date },
  table: readonly PriceVersion[] = effectivePriceTable(),
): PricedUsage {
  const version = findPrice(input.provider, input.model, input.at, table);
  // Quantities in thousandths so fractional minutes stay integers: pico * milli = 10^-15 USD.
  let femtoUsd = 0n;
  for (const kind of unitKinds) {
    const quantity = input.usage[kind];
    if (quantity === undefined || quantity === 0) continue;
    if (
      !Number.isFinite(quantity) ||
      quantity < 0 ||
      (isWholeKind(kind) && !Number.isInteger(quantity))
    ) {
      throw new AppError(
        'BAD_INPUT',
        `${kind} must be a non-negative ${isWholeKind(kind) ? 'whole ' : ''}number.`,
      );
    }
    const rate = version.rates[kind];
    if (rate === undefined) {
      throw new AppError(
        'UNAVAILABLE',
        `${input.provider}/${input.model} has no price for ${kind}.`,
        {
          details: { provider: input.provider, model: input.model, unit: kind },
        },
      );
    }
    femtoUsd += BigInt(Math.round(quantity * 1000)) * rate;
  }
  const femtoPerMicro = 1_000_000_000n;
  const microUsd = (femtoUsd + femtoPerMicro / 2n) / femtoPerMicro;
  return {
    microUsd,
    priceVersion: `${version.provider}/${version.model}@${version.validFrom}`,
    version,
  };
}
