import { AppError } from '@platform/errors';

/**
 * Money is integer micro-dollars (bigint) in code and exact decimal strings at the edges
 * (Postgres `numeric`, JSON). Floats never hold a sum: 0.1 + 0.2 drifts, a bigint does not.
 */
export const MICRO_PER_USD = 1_000_000n;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string to an integer scaled by 10^scale, rounding half away from zero. */
export function parseScaled(value: string, scale: number): bigint {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new AppError('BAD_INPUT', `Not a decimal amount: "${value}".`);
  const [, sign, whole, fraction = ''] = match;
  const padded = fraction.padEnd(scale + 1, '0');
  let scaled = BigInt(whole! + padded.slice(0, scale));
  // Digits beyond `scale`: round on the first one (half up; the rest cannot change the outcome).
  if (Number(padded[scale] ?? '0') >= 5) scaled += 1n;
  return sign ? -scaled : scaled;
}

/** An exact decimal string (Postgres numeric text, "12.34") to micro-dollars. */
export function usdToMicro(value: string): bigint {
  return parseScaled(value, 6);
}

/**
 * A USD amount from settings (a JSON number such as 100 or 12.5) to micro-dollars. Settings are
 * typed by people, so they are short decimals; toFixed(6) reads them back exactly.
 */
export function usdNumberToMicro(value: number): bigint {
  if (!Number.isFinite(value)) throw new AppError('BAD_INPUT', 'Amounts must be finite numbers.');
  return parseScaled(value.toFixed(6), 6);
}

/** Micro-dollars to a decimal string with `scale` places (6 = exact; fewer rounds half up). */
export function microToUsd(micro: bigint, scale = 6): string {
  const negative = micro < 0n;
  let abs = negative ? -micro : micro;
  if (scale < 6) {
    const unit = 10n ** BigInt(6 - scale);
    abs = (abs + unit / 2n) / unit;
  }
  const digits = abs.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** Accepts the micro-dollar amounts callers pass (bigint, or a safe integer number). */
export function toMicro(value: bigint | number, what = 'amount'): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) {
    throw new AppError('BAD_INPUT', `The ${what} must be a whole number of micro-dollars.`);
  }
  return BigInt(value);
}
