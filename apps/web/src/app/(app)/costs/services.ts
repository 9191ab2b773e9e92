import type { CostService } from '@platform/db/schema';

/** Kept here (types only from the schema) so the browser bundle does not pull in drizzle. */
export const services = [
  'llm',
  'embedding',
  'vision',
  'voice_stt',
  'voice_tts',
  'livekit',
] as const satisfies readonly CostService[];

export const serviceLabel: Record<CostService, string> = {
  llm: 'Language model',
  embedding: 'Embeddings',
  vision: 'Vision',
  voice_stt: 'Speech to text',
  voice_tts: 'Text to speech',
  livekit: 'Meetings',
};

/** Distinguishable in both themes; each bar segment also has a text label for screen readers. */
export const serviceColor: Record<CostService, string> = {
  llm: '#6366f1',
  embedding: '#14b8a6',
  vision: '#f59e0b',
  voice_stt: '#ec4899',
  voice_tts: '#8b5cf6',
  livekit: '#0ea5e9',
};
