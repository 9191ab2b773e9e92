import { describe, expect, it } from 'vitest';
import { decimalToMicro, microToDecimal, sumDecimals } from './money';

describe('money', () => {
  it('sums decimal strings exactly where floats would drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.300000');
    expect(sumDecimals(Array.from({ length: 1000 }, () => '0.000123'))).toBe('0.123000');
  });

  it('round-trips micro-dollars', () => {
    expect(decimalToMicro('12.345678')).toBe(12_345_678);
    expect(decimalToMicro('-1.5')).toBe(-1_500_000);
    expect(microToDecimal(-1_500_000)).toBe('-1.500000');
    expect(decimalToMicro(null)).toBe(0);
  });
});
