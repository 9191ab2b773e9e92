import { streamChatTurn } from '@platform/ai';
import type { ChatEngineDeps } from '@platform/ai';
import type { ChatEngine, EngineEvent } from './chat-engine';

/**
 * The real chat engine (@platform/ai) behind the widget's seam. Its events already carry what the
 * widget needs; only the error's field names differ (`reason` is its visitor-safe message).
 */
export function aiChatEngine(deps: ChatEngineDeps): ChatEngine {
  return {
    async *streamChatTurn(input) {
      for await (const event of streamChatTurn(deps, input)) {
        yield event.type === 'error'
          ? ({ type: 'error', code: event.code, message: event.reason } satisfies EngineEvent)
          : event;
      }
    },
  };
}
