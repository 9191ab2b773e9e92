import { APICallError } from '@ai-sdk/provider';
import { isAppError } from '@platform/errors';
import type { ChatFailureCode } from './types';

export interface Failure {
  code: ChatFailureCode;
  /** Shown to the visitor. */
  reason: string;
  /** Stored as the message's `failureReason`, for the dashboard: precise, never a secret. */
  detail: string;
}

const SORRY = 'Sorry, something went wrong while answering. Please try again.';

/** Thrown when a stream ends without its `finish` part: the connection was cut. */
export class IncompleteStreamError extends Error {
  constructor() {
    super('The model stream ended before the answer was complete.');
    this.name = 'IncompleteStreamError';
  }
}

export class TurnTimeoutError extends Error {
  constructor(ms: number) {
    super(`No complete answer within ${ms / 1000} s.`);
    this.name = 'TurnTimeoutError';
  }
}

export class TurnInterruptedError extends Error {
  constructor() {
    super('The visitor left before the answer was complete.');
    this.name = 'TurnInterruptedError';
  }
}

/** Turns whatever went wrong into a visitor-safe reason and a readable stored one. */
export function describeFailure(error: unknown, provider: string): Failure {
  if (isAppError(error)) {
    if (error.code === 'BUDGET_EXCEEDED') {
      return {
        code: 'budget_exceeded',
        reason: error.message,
        detail: 'Refused: the monthly spending cap is reached.',
      };
    }
    return {
      code: 'unavailable',
      reason: 'The assistant is not available right now. Please try again later.',
      detail: error.message,
    };
  }
  if (error instanceof TurnTimeoutError) {
    return {
      code: 'timeout',
      reason: 'The answer took too long. Please try again.',
      detail: error.message,
    };
  }
  if (error instanceof TurnInterruptedError)
    return { code: 'interrupted', reason: 'The answer was interrupted.', detail: error.message };
  if (error instanceof IncompleteStreamError) {
    return {
      code: 'model_failed',
      reason: SORRY,
      detail: `${error.message} (${provider}: connection lost)`,
    };
  }
  if (APICallError.isInstance(error)) {
    if (error.statusCode && error.statusCode < 300) {
      // The provider said 200, then the body broke off: a cut connection, not a refusal.
      const cause = error.cause instanceof Error ? `: ${clip(error.cause.message)}` : '';
      return {
        code: 'model_failed',
        reason: SORRY,
        detail: `The ${provider} model's answer was cut off mid-stream${cause}`,
      };
    }
    const status = error.statusCode ? ` HTTP ${error.statusCode}` : '';
    return {
      code: 'model_failed',
      reason: SORRY,
      detail: `The ${provider} model call failed:${status} ${clip(error.message)}`.trim(),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'model_failed',
    reason: SORRY,
    detail: `The ${provider} model failed before finishing: ${clip(message)}`,
  };
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
