/** What an AI call consumed. Each kind is priced separately; absent kinds count as zero. */
export const unitKinds = [
  'inputTokens', // prompt tokens NOT served from the provider's cache
  'cachedInputTokens', // prompt tokens served from cache (OpenAI cached_tokens, Anthropic cache reads)
  'outputTokens',
  'embeddingTokens',
  'images', // images sent to a vision model, when the provider bills per image
  'audioMinutes', // speech-to-text
  'characters', // text-to-speech
  'participantMinutes', // LiveKit
] as const;
export type UnitKind = (typeof unitKinds)[number];
export type Usage = Partial<Record<UnitKind, number>>;

/** Kinds counted in `cost_events.tokens_used` and in the summaries' token totals. */
export const tokenKinds: readonly UnitKind[] = [
  'inputTokens',
  'cachedInputTokens',
  'outputTokens',
  'embeddingTokens',
];

/** Kinds that only come in whole numbers; minutes may be fractional (a 90 s call is 1.5). */
const wholeKinds = new Set<UnitKind>([...tokenKinds, 'images', 'characters']);

export function isWholeKind(kind: UnitKind): boolean {
  return wholeKinds.has(kind);
}

export function tokensOf(usage: Usage): number {
  return tokenKinds.reduce((sum, kind) => sum + (usage[kind] ?? 0), 0);
}
