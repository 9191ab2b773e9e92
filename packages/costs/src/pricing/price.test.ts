import { describe, expect, test } from 'vitest';
import { AppError } from '@platform/errors';
import { parseExtraPrices } from './extra-prices';
import { findPrice, normalizeModel, priceUsage } from './price';
import { priceTable } from './price-table';
import type { PriceVersion } from './price-table';
import { perMillion, perUnit } from './rates';
import type { Usage } from './units';

const at = new Date('2026-11-23T12:00:00Z');
const price = (provider: string, model: string, usage: Usage, when = at) =>
  priceUsage({ provider, model, usage, at: when }).microUsd;

describe('rates', () => {
  test('are exact pico-dollars per unit', () => {
    expect(perMillion('0.15')).toBe(150_000n);
    expect(perMillion('0.02')).toBe(20_000n);
    expect(perUnit('0.0043')).toBe(4_300_000_000n);
  });
});

describe('pricing per unit kind', () => {
  test('input tokens', () => {
    // gpt-4o-mini: $0.15 / 1M input tokens -> 1M tokens = $0.15 = 150,000 micro-dollars
    expect(price('openai', 'gpt-4o-mini', { inputTokens: 1_000_000 })).toBe(150_000n);
    expect(price('openai', 'gpt-4o-mini', { inputTokens: 1000 })).toBe(150n);
  });
  test('output tokens', () => {
    expect(price('openai', 'gpt-4o-mini', { outputTokens: 1000 })).toBe(600n);
    expect(price('anthropic', 'claude-sonnet-4-5', { outputTokens: 1000 })).toBe(15_000n);
  });
  test('cached input tokens are cheaper than uncached', () => {
    expect(price('openai', 'gpt-4o', { cachedInputTokens: 1000 })).toBe(1_250n);
    expect(price('openai', 'gpt-4o', { inputTokens: 1000 })).toBe(2_500n);
    expect(price('anthropic', 'claude-haiku-4-5', { cachedInputTokens: 10_000 })).toBe(1_000n);
  });
  test('embedding tokens', () => {
    expect(price('openai', 'text-embedding-3-small', { embeddingTokens: 50_000 })).toBe(1_000n);
    expect(price('voyage', 'voyage-3', { embeddingTokens: 1_000_000 })).toBe(60_000n);
  });
  test('images', () => {
    expect(price('openai', 'gpt-4o', { images: 2 })).toBe(3_825n);
  });
  test('audio minutes, fractional', () => {
    expect(price('deepgram', 'nova-3', { audioMinutes: 10 })).toBe(43_000n);
    expect(price('openai', 'whisper-1', { audioMinutes: 1.5 })).toBe(9_000n);
  });
  test('characters', () => {
    expect(price('openai', 'tts-1', { characters: 1000 })).toBe(15_000n);
  });
  test('participant minutes', () => {
    expect(price('livekit', 'cloud', { participantMinutes: 60 })).toBe(30_000n);
  });
  test('a mixed call sums every kind before rounding once', () => {
    // 1 input token at gpt-4o-mini = 0.15 micro-dollars; 1 output = 0.6: 0.75 -> 1
    expect(price('openai', 'gpt-4o-mini', { inputTokens: 1, outputTokens: 1 })).toBe(1n);
    // 4 input (0.6) + 1 output (0.6) = 1.2 -> 1; rounding each line first would give 2.
    expect(price('openai', 'gpt-4o-mini', { inputTokens: 4, outputTokens: 1 })).toBe(1n);
  });
  test('offline providers are explicitly free', () => {
    expect(price('extractive', 'any-model', { inputTokens: 10_000, outputTokens: 500 })).toBe(0n);
    expect(price('local-use', 'hash-embedding', { embeddingTokens: 10_000 })).toBe(0n);
  });
});

describe('versions', () => {
  test('an event keeps the price of its date', () => {
    expect(price('openai', 'gpt-4o', { inputTokens: 1000 }, new Date('2024-06-01T00:00:00Z'))).toBe(
      5_000n,
    );
    expect(price('openai', 'gpt-4o', { inputTokens: 1000 }, new Date('2024-10-02T00:00:00Z'))).toBe(
      2_500n,
    );
    expect(priceUsage({ provider: 'openai', model: 'gpt-4o', usage: {}, at }).priceVersion).toBe(
      'openai/gpt-4o@2024-10-02',
    );
  });
  test('before the first version, the first version applies', () => {
    expect(findPrice('openai', 'gpt-4o', new Date('2020-01-01T00:00:00Z')).validFrom).toBe(
      '2024-05-13',
    );
  });
  test('snapshot ids resolve to the family', () => {
    expect(normalizeModel('gpt-4o-mini-2024-07-18')).toBe('gpt-4o-mini');
    expect(normalizeModel('claude-sonnet-4-5-20250929')).toBe('claude-sonnet-4-5');
    expect(normalizeModel('claude-3-5-haiku-latest')).toBe('claude-3-5-haiku');
    expect(price('anthropic', 'claude-sonnet-4-5-20250929', { inputTokens: 1000 })).toBe(3_000n);
  });
  test('a custom table is honoured (pure function)', () => {
    const table: PriceVersion[] = [
      {
        provider: 'p',
        model: 'm',
        validFrom: '2026-01-01',
        service: 'llm',
        rates: { inputTokens: perMillion('1') },
      },
      {
        provider: 'p',
        model: 'm',
        validFrom: '2026-06-01',
        service: 'llm',
        rates: { inputTokens: perMillion('2') },
      },
    ];
    const cost = (when: string) =>
      priceUsage(
        { provider: 'p', model: 'm', usage: { inputTokens: 1_000_000 }, at: new Date(when) },
        table,
      ).microUsd;
    expect(cost('2026-05-31T23:59:59Z')).toBe(1_000_000n);
    expect(cost('2026-06-01T00:00:00Z')).toBe(2_000_000n);
  });
});

describe('COSTS_EXTRA_PRICES', () => {
  test('adds deployment prices, including explicit zeros', () => {
    const extra = parseExtraPrices(
      JSON.stringify([
        {
          provider: 'openai-compatible',
          model: 'llama3.1:8b',
          validFrom: '2026-01-01',
          service: 'llm',
          usdPerMillion: { inputTokens: '0', outputTokens: '0' },
        },
        {
          provider: 'openai',
          model: 'gpt-4o-mini',
          validFrom: '2026-11-01',
          service: 'llm',
          usdPerMillion: { inputTokens: '0.10', outputTokens: '0.40' },
        },
        {
          provider: 'deepgram',
          model: 'nova-3',
          validFrom: '2026-11-01',
          service: 'voice_stt',
          usdPerUnit: { audioMinutes: '0.004' },
        },
      ]),
    );
    const table = [...priceTable, ...extra];
    const cost = (provider: string, model: string, usage: Usage, when = at) =>
      priceUsage({ provider, model, usage, at: when }, table).microUsd;
    expect(cost('openai-compatible', 'llama3.1:8b', { inputTokens: 5000, outputTokens: 500 })).toBe(
      0n,
    );
    expect(cost('openai', 'gpt-4o-mini', { inputTokens: 1000 })).toBe(100n);
    expect(
      cost('openai', 'gpt-4o-mini', { inputTokens: 1000 }, new Date('2026-10-31T00:00:00Z')),
    ).toBe(150n);
    expect(cost('deepgram', 'nova-3', { audioMinutes: 10 })).toBe(40_000n);
  });
  test('rejects malformed entries with the setting named', () => {
    expect(() =>
      parseExtraPrices('[{"provider":"x","model":"y","validFrom":"soon","service":"llm"}]'),
    ).toThrow(/COSTS_EXTRA_PRICES/);
    expect(() =>
      parseExtraPrices(
        '[{"provider":"x","model":"y","validFrom":"2026-01-01","service":"llm","usdPerMillion":{"inputTokens":0.1}}]',
      ),
    ).toThrow(/COSTS_EXTRA_PRICES/);
  });
});

describe('refusals', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof AppError ? error.code : 'other';
    }
    return 'none';
  };
  test('an unknown model of a paid provider is UNAVAILABLE, never zero', () => {
    expect(code(() => price('openai', 'gpt-9', { inputTokens: 1 }))).toBe('UNAVAILABLE');
    expect(code(() => price('nobody', 'x', { inputTokens: 1 }))).toBe('UNAVAILABLE');
  });
  test('a unit the model is not priced for is UNAVAILABLE', () => {
    expect(code(() => price('openai', 'text-embedding-3-small', { outputTokens: 5 }))).toBe(
      'UNAVAILABLE',
    );
  });
  test('negative or fractional token counts are BAD_INPUT', () => {
    expect(code(() => price('openai', 'gpt-4o', { inputTokens: -1 }))).toBe('BAD_INPUT');
    expect(code(() => price('openai', 'gpt-4o', { inputTokens: 1.5 }))).toBe('BAD_INPUT');
    expect(code(() => price('openai', 'gpt-4o', { inputTokens: Number.NaN }))).toBe('BAD_INPUT');
  });
});
