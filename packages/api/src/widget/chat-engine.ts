/**
 * The seam to the chat engine (@platform/ai). The widget API depends on this shape only, so the
 * engine is wired in one line where the API is constructed (apps/web) and tests can pass the real
 * engine or a scripted one.
 */
export interface ChatTurnInput {
  tenantId: string;
  sessionId: string;
  widgetId: string;
  content: string;
  /** Aborted when the visitor disconnects: the engine should stop the model call. */
  signal?: AbortSignal;
  /** Marks the end of each phase of the turn when timings are on (CHAT_TURN_TIMING). */
  timer?: { lap(phase: string): void };
}

export interface EngineSource {
  title: string;
  url?: string;
  excerpt: string;
}

/**
 * What one turn yields, in order: the stored visitor message, sources, text deltas, then done or
 * error. An error's `message` must be safe to show the visitor; `code` 'budget_exceeded' means
 * the tenant's spending cap refused the turn (not worth retrying right away).
 */
export type EngineEvent =
  | { type: 'user-message'; messageId: string }
  | { type: 'sources'; sources: readonly EngineSource[] }
  | { type: 'delta'; text: string }
  /** `unanswered`: nothing relevant was found to answer from (the widget then offers a person). */
  | { type: 'done'; messageId: string; unanswered?: boolean }
  | { type: 'error'; code: string; message: string };

export interface ChatEngine {
  streamChatTurn(input: ChatTurnInput): AsyncIterable<EngineEvent>;
}
