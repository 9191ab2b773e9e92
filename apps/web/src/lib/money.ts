/**
 * Exact money arithmetic for display totals: decimal strings (as the API returns them) are
 * summed as integer micro-dollars, never as floats.
 */
const MICRO_DIGITS = 6;

export function decimalToMicro(value: string | number | null | undefined): number {
  if (value === null || value === undefined || value === '') return 0;
  const text = typeof value === 'number' ? value.toFixed(MICRO_DIGITS) : value.trim();
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return 0;
  const [, sign, whole = '', frac = ''] = match;
  const micro =
    Number(whole || '0') * 10 ** MICRO_DIGITS +
    Number(frac.slice(0, MICRO_DIGITS).padEnd(MICRO_DIGITS, '0'));
  return sign ? -micro : micro;
}

export function microToDecimal(micro: number): string {
  const sign = micro < 0 ? '-' : '';
  const abs = Math.abs(Math.round(micro));
  const whole = Math.floor(abs / 10 ** MICRO_DIGITS);
  const frac = String(abs % 10 ** MICRO_DIGITS).padStart(MICRO_DIGITS, '0');
  return `${sign}${whole}.${frac}`;
}

export function sumDecimals(values: Array<string | number | null | undefined>): string {
  return microToDecimal(values.reduce<number>((acc, v) => acc + decimalToMicro(v), 0));
}
