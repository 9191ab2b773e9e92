import { streamChatTurn } from '@platform/ai';
import type { ChatEngineDeps } from '@platform/ai';
import type { ChatEngine, EngineEvent } from './chat-engine';

/**
 * The real chat engine (@platform/ai) behind the widget's seam. Its events already carry what the
 * widget needs; the error's field names differ (`reason` is its visitor-safe message), and `done`
 * says whether retrieval found anything relevant (search returns its best passages even when
 * none is: an empty source list alone would miss most unanswered questions).
 */
export function aiChatEngine(deps: ChatEngineDeps): ChatEngine {
  return {
    async *streamChatTurn(input) {
      for await (const event of streamChatTurn(deps, input)) {
        if (event.type === 'error')
          yield { type: 'error', code: event.code, message: event.reason } satisfies EngineEvent;
        else if (event.type === 'done')
          yield {
            type: 'done',
            messageId: event.messageId,
            unanswered: event.outcome === 'no-relevant-source',
          } satisfies EngineEvent;
        else yield event;
      }
    },
  };
}
