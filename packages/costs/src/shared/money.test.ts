import { describe, expect, test } from 'vitest';
import { microToUsd, parseScaled, usdNumberToMicro, usdToMicro } from './money';
import { periodStart, periodsOverlapping } from './periods';

describe('money', () => {
  test('decimal strings round-trip exactly', () => {
    expect(usdToMicro('0.000150')).toBe(150n);
    expect(usdToMicro('12.5')).toBe(12_500_000n);
    expect(microToUsd(150n)).toBe('0.000150');
    expect(microToUsd(12_500_000n)).toBe('12.500000');
    expect(microToUsd(-5n)).toBe('-0.000005');
  });
  test('fewer places round half up', () => {
    expect(microToUsd(12_345n, 4)).toBe('0.0123');
    expect(microToUsd(12_350n, 4)).toBe('0.0124');
    expect(microToUsd(999_999_999n, 2)).toBe('1000.00');
    expect(parseScaled('0.0000005', 6)).toBe(1n);
  });
  test('settings numbers convert without float drift', () => {
    expect(usdNumberToMicro(0.1 + 0.2)).toBe(300_000n);
    expect(usdNumberToMicro(100)).toBe(100_000_000n);
  });
  test('a million small amounts sum exactly', () => {
    let sum = 0n;
    for (let i = 0; i < 1_000_000; i++) sum += usdToMicro('0.000150');
    expect(microToUsd(sum)).toBe('150.000000');
  });
});

describe('periods (UTC)', () => {
  test('weeks start on Monday, months on the 1st', () => {
    const sunday = new Date('2026-11-22T23:59:00Z');
    expect(periodStart('week', sunday).toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(periodStart('month', sunday).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(periodStart('day', sunday).toISOString()).toBe('2026-11-22T00:00:00.000Z');
  });
  test('periods overlapping a range include clipped edges', () => {
    const p = periodsOverlapping(
      'month',
      new Date('2026-01-15T00:00:00Z'),
      new Date('2026-03-02T00:00:00Z'),
    );
    expect(p.map((x) => x.start.toISOString().slice(0, 10))).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    expect(p[1]!.end.toISOString().slice(0, 10)).toBe('2026-03-01');
  });
});
