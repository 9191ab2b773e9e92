import type { ChatEngine } from '@platform/api/widget';

/**
 * The chat engine behind the widget. TEMPORARY until @platform/ai lands: every turn answers
 * "unavailable" (the widget shows a friendly, retryable message).
 */
export function chatEngine(): ChatEngine {
  return {
    async *streamChatTurn() {
      yield {
        type: 'error',
        code: 'UNAVAILABLE',
        message: 'The chat engine is not installed yet.',
      };
    },
  };
}
