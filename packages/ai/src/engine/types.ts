import type { MessageSource } from '@platform/db';
import type { AnswerOutcome } from '../extractive/outcome';

/** Records how long each phase of a turn took (`CHAT_TURN_TIMING`); laps are cheap. */
export interface TurnTimer {
  /** Marks the end of a phase, e.g. `context`, `embedding`, `search`, `reserve`, `final-write`. */
  lap(phase: string): void;
}

export interface ChatTurnInput {
  tenantId: string;
  sessionId: string;
  /** The widget the visitor talks through (checked against the session's). */
  widgetId?: string;
  /** Overrides the widget's and the tenant's default personality (dashboard playground). */
  personalityId?: string;
  /** The visitor's message. */
  content: string;
  /** Aborts the model call (visitor left); the answer is then stored as failed. */
  signal?: AbortSignal;
  /** Timed phases of the turn, when the caller measures them. */
  timer?: TurnTimer;
}

/** A retrieved passage as shown to the visitor; `index` is the number the answer cites ([1]). */
export interface ChatSource extends MessageSource {
  index: number;
}

export interface ChatUsage {
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Embedding tokens of the visitor's question (retrieval). */
  embeddingTokens: number;
}

export type ChatFailureCode =
  'budget_exceeded' | 'model_failed' | 'interrupted' | 'timeout' | 'unavailable';

/**
 * What one turn streams, in order: `user-message` (stored), `sources` (retrieved), any number of
 * `delta`, then exactly one of `done` or `error`. After `user-message` the turn never throws:
 * failures arrive as an `error` event and the assistant message is stored as failed.
 */
export type ChatEvent =
  | { type: 'user-message'; messageId: string }
  | { type: 'sources'; sources: ChatSource[] }
  | { type: 'delta'; text: string }
  | {
      type: 'done';
      messageId: string;
      model: string;
      usage: ChatUsage;
      /** Exact decimal USD (6 places) of the turn: answer plus question embedding. */
      costUsd: string;
      latencyMs: number;
      /** Whether retrieval found anything relevant (`no-relevant-source`: an unanswered question). */
      outcome: AnswerOutcome;
    }
  | {
      type: 'error';
      /** The assistant message stored as failed. */
      messageId: string;
      code: ChatFailureCode;
      /** Safe to show the visitor. The stored message keeps a more precise `failureReason`. */
      reason: string;
    };
