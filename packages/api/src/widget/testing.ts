import { randomUUID } from 'node:crypto';
import type { Database, MessageSource } from '@platform/db';
import { messages } from '@platform/db';
import type { ChatEngine, ChatTurnInput, EngineEvent } from './chat-engine';

export const SCRIPTED_ANSWER = 'Orders ship within 2 business days. [1]';
export const SCRIPTED_NO_ANSWER = 'I could not find that in the documents I was given.';
export const SCRIPTED_SOURCE = {
  title: 'Shipping policy',
  url: 'https://acme.test/shipping',
  excerpt: 'Orders ship within 2 business days.',
};

/**
 * A chat engine for tests of the widget's own layers: it keeps the engine's contract (the
 * visitor's message stored first, then sources, deltas, the stored answer) through the real
 * tenant path, with a fixed answer. A question containing "fail" fails after the sources, one
 * containing "budget" is refused by the spending cap, one containing "unknown" finds no source
 * (and gets the no-answer reply). The real engine: `aiChatEngine`.
 */
export function scriptedChatEngine(db: Database): ChatEngine & { calls: ChatTurnInput[] } {
  const calls: ChatTurnInput[] = [];
  return {
    calls,
    async *streamChatTurn(input): AsyncIterable<EngineEvent> {
      calls.push(input);
      const [user] = await db.withTenant(input.tenantId, (tx) =>
        tx
          .insert(messages)
          .values({
            sessionId: input.sessionId,
            tenantId: input.tenantId,
            role: 'user',
            content: input.content,
          })
          .returning(),
      );
      yield { type: 'user-message', messageId: user!.id };
      const unknown = input.content.includes('unknown');
      yield { type: 'sources', sources: unknown ? [] : [SCRIPTED_SOURCE] };
      if (input.content.includes('budget')) {
        yield {
          type: 'error',
          code: 'budget_exceeded',
          message: 'This assistant has reached its limit for now.',
        };
        return;
      }
      if (input.content.includes('fail')) {
        yield {
          type: 'error',
          code: 'model_failed',
          message: 'Sorry, something went wrong while answering. Please try again.',
        };
        return;
      }
      const reply = unknown ? SCRIPTED_NO_ANSWER : SCRIPTED_ANSWER;
      for (const word of reply.split(/(?<= )/)) yield { type: 'delta', text: word };
      const sources: MessageSource[] = unknown
        ? []
        : [{ ...SCRIPTED_SOURCE, chunkId: randomUUID(), documentId: randomUUID() }];
      const [answer] = await db.withTenant(input.tenantId, (tx) =>
        tx
          .insert(messages)
          .values({
            sessionId: input.sessionId,
            tenantId: input.tenantId,
            role: 'assistant',
            content: reply,
            metadata: {
              status: 'complete',
              sources,
              ...(unknown ? { answerOutcome: 'no-relevant-source' as const } : {}),
            },
          })
          .returning(),
      );
      yield { type: 'done', messageId: answer!.id, ...(unknown ? { unanswered: true } : {}) };
    },
  };
}
