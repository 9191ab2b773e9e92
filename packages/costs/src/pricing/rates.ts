import { parseScaled } from '../shared/money';

/**
 * Rates are integer pico-dollars (10^-12 USD) per unit: small enough that $0.02 per million
 * tokens is a whole number (20,000), so pricing is exact integer arithmetic.
 */
export type PicoUsd = bigint;

/** "$0.15 per million units", the way providers publish token and character prices. */
export function perMillion(usd: string): PicoUsd {
  return parseScaled(usd, 6);
}

/** "$0.0043 per unit", the way providers publish per-minute and per-image prices. */
export function perUnit(usd: string): PicoUsd {
  return parseScaled(usd, 12);
}
