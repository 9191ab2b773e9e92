import { describe, expect, it } from 'vitest';
import { formatRelative, formatUsd, startOfMonthUtc } from './format';

describe('format', () => {
  it('shows decimal-string money as dollars without losing the cents', () => {
    expect(formatUsd('12.5')).toBe('$12.50');
    expect(formatUsd('0.0042')).toBe('$0.0042');
    expect(formatUsd(null)).toBe('$0.00');
  });

  it('describes times relative to now', () => {
    const now = Date.UTC(2026, 10, 23, 12);
    expect(formatRelative(now - 30_000, now)).toBe('30 seconds ago');
    expect(formatRelative(now - 2 * 3600_000, now)).toBe('2 hours ago');
    expect(formatRelative(now - 86_400_000, now)).toBe('yesterday');
  });

  it('counts the budget month from the first of the month in UTC', () => {
    expect(startOfMonthUtc(new Date('2026-11-23T10:00:00Z')).toISOString()).toBe(
      '2026-11-01T00:00:00.000Z',
    );
  });
});

describe('formatDuration', () => {
  it('reads like a person would say it', async () => {
    const { formatDuration } = await import('./format');
    expect(formatDuration(3725)).toBe('1 h 2 min');
    expect(formatDuration(95)).toBe('1 min 35 s');
    expect(formatDuration(7)).toBe('7 s');
  });
});
