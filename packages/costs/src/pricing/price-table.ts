import type { CostService } from '@platform/db';
import type { PicoUsd } from './rates';
import { perMillion, perUnit } from './rates';
import type { UnitKind } from './units';
import { unitKinds } from './units';

/**
 * One price version: from `validFrom` (UTC date) until the next version of the same model.
 * Prices change by appending a version, never by editing one, so an event keeps the price of
 * the day it happened (its `metadata.priceVersion` names the version used).
 */
export interface PriceVersion {
  provider: string;
  /** Normalized model id (see normalizeModel), or '*' for every model of a free provider. */
  model: string;
  validFrom: string;
  service: CostService;
  rates: Partial<Record<UnitKind, PicoUsd>>;
  note?: string;
}

const free = Object.fromEntries(unitKinds.map((k) => [k, 0n])) as Record<UnitKind, PicoUsd>;

/**
 * List prices in USD. Update by appending versions. The offline providers the platform runs
 * without keys are priced at zero explicitly, so "free" is a decision, never a missing row.
 */
export const priceTable: readonly PriceVersion[] = [
  // Offline defaults (no network, no cost).
  {
    provider: 'extractive',
    model: '*',
    validFrom: '2020-01-01',
    service: 'llm',
    rates: free,
    note: 'offline extractive answers',
  },
  {
    provider: 'local-use',
    model: '*',
    validFrom: '2020-01-01',
    service: 'embedding',
    rates: free,
    note: 'offline embeddings',
  },
  {
    provider: 'livekit',
    model: 'self-hosted',
    validFrom: '2020-01-01',
    service: 'livekit',
    rates: free,
    note: 'own LiveKit server',
  },

  // OpenAI chat. gpt-4o's price fell when the alias moved to the 2024-08-06 snapshot.
  {
    provider: 'openai',
    model: 'gpt-4o',
    validFrom: '2024-05-13',
    service: 'llm',
    rates: {
      inputTokens: perMillion('5.00'),
      cachedInputTokens: perMillion('5.00'),
      outputTokens: perMillion('15.00'),
      images: perUnit('0.003825'),
    },
  },
  {
    provider: 'openai',
    model: 'gpt-4o',
    validFrom: '2024-10-02',
    service: 'llm',
    // images: a 1024x1024 high-detail image is 765 tokens at the input price.
    rates: {
      inputTokens: perMillion('2.50'),
      cachedInputTokens: perMillion('1.25'),
      outputTokens: perMillion('10.00'),
      images: perUnit('0.0019125'),
    },
  },
  {
    provider: 'openai',
    model: 'gpt-4o-mini',
    validFrom: '2024-07-18',
    service: 'llm',
    // images: gpt-4o-mini bills an image as 25,501 tokens at the input price (high detail, 1024px).
    rates: {
      inputTokens: perMillion('0.15'),
      cachedInputTokens: perMillion('0.075'),
      outputTokens: perMillion('0.60'),
      images: perUnit('0.00382515'),
    },
  },
  {
    provider: 'openai',
    model: 'text-embedding-3-small',
    validFrom: '2024-01-25',
    service: 'embedding',
    rates: { embeddingTokens: perMillion('0.02') },
  },
  {
    provider: 'openai',
    model: 'text-embedding-3-large',
    validFrom: '2024-01-25',
    service: 'embedding',
    rates: { embeddingTokens: perMillion('0.13') },
  },
  {
    provider: 'openai',
    model: 'whisper-1',
    validFrom: '2023-03-01',
    service: 'voice_stt',
    rates: { audioMinutes: perUnit('0.006') },
  },
  {
    provider: 'openai',
    model: 'tts-1',
    validFrom: '2023-11-06',
    service: 'voice_tts',
    rates: { characters: perMillion('15.00') },
  },
  {
    provider: 'openai',
    model: 'tts-1-hd',
    validFrom: '2023-11-06',
    service: 'voice_tts',
    rates: { characters: perMillion('30.00') },
  },

  // Anthropic. cachedInputTokens are cache reads (0.1x input).
  {
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    validFrom: '2025-09-29',
    service: 'llm',
    rates: {
      inputTokens: perMillion('3.00'),
      cachedInputTokens: perMillion('0.30'),
      outputTokens: perMillion('15.00'),
    },
  },
  {
    provider: 'anthropic',
    model: 'claude-haiku-4-5',
    validFrom: '2025-10-15',
    service: 'llm',
    rates: {
      inputTokens: perMillion('1.00'),
      cachedInputTokens: perMillion('0.10'),
      outputTokens: perMillion('5.00'),
    },
  },
  {
    provider: 'anthropic',
    model: 'claude-3-5-haiku',
    validFrom: '2024-11-04',
    service: 'llm',
    rates: {
      inputTokens: perMillion('0.80'),
      cachedInputTokens: perMillion('0.08'),
      outputTokens: perMillion('4.00'),
    },
  },

  // Embeddings.
  {
    provider: 'voyage',
    model: 'voyage-3',
    validFrom: '2024-09-18',
    service: 'embedding',
    rates: { embeddingTokens: perMillion('0.06') },
  },
  {
    provider: 'voyage',
    model: 'voyage-3-lite',
    validFrom: '2024-09-18',
    service: 'embedding',
    rates: { embeddingTokens: perMillion('0.02') },
  },

  // Speech.
  {
    provider: 'deepgram',
    model: 'nova-3',
    validFrom: '2025-02-12',
    service: 'voice_stt',
    rates: { audioMinutes: perUnit('0.0043') },
  },
  {
    provider: 'deepgram',
    model: 'nova-2',
    validFrom: '2024-01-01',
    service: 'voice_stt',
    rates: { audioMinutes: perUnit('0.0043') },
  },

  // LiveKit Cloud, per participant-minute of connection time.
  {
    provider: 'livekit',
    model: 'cloud',
    validFrom: '2024-01-01',
    service: 'livekit',
    rates: { participantMinutes: perUnit('0.0005') },
  },
];
