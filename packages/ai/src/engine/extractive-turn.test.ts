import { createTestDatabase, type TestDatabase } from '@platform/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAiEnv } from '../env';
import { NO_ANSWER } from '../extractive/compose';
import { judgeEvidence } from '../extractive/outcome';
import { hybridSearch } from '@platform/rag';
import { collect, embedder, openSession, seedKnowledge } from '../testing/setup';
import { streamChatTurn } from './stream-turn';
import type { ChatEvent } from './types';

let t: TestDatabase;
let tenantId: string;
let widgetId: string;
const env = readAiEnv({});

beforeAll(async () => {
  t = await createTestDatabase();
  ({ tenantId, widgetId } = await seedKnowledge(t.db));
});
afterAll(() => t.close());

describe('a turn answered by the offline extractive model (the default)', () => {
  it('stores the question, retrieves, quotes with citations and records zero-cost usage', async () => {
    const sessionId = await openSession(t.db, tenantId, widgetId);
    const events = await collect(
      streamChatTurn(
        { db: t.db, embedder, env },
        { tenantId, sessionId, content: 'How much does express shipping cost?' },
      ),
    );
    expect(events.map((e) => e.type)).toEqual([
      'user-message',
      'sources',
      ...events.slice(2, -1).map(() => 'delta'),
      'done',
    ]);
    const [userEvent, sourcesEvent] = events as [
      Extract<ChatEvent, { type: 'user-message' }>,
      Extract<ChatEvent, { type: 'sources' }>,
    ];
    const done = events.at(-1) as Extract<ChatEvent, { type: 'done' }>;
    const text = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');

    const shipping = sourcesEvent.sources.find((s) => s.title === 'Shipping policy')!;
    expect(shipping).toBeDefined();
    expect(text).toContain(
      `Express shipping delivers the next working day in the Netherlands, Belgium and Germany and costs 12.50 euros. [${shipping.index}]`,
    );
    expect(text).toContain('not written by a language model');

    const rows = await t.raw(
      'select id, role, content, metadata from messages where session_id = $1 order by timestamp, role desc',
      [sessionId],
    );
    expect(rows.map((r) => r.role)).toEqual(['user', 'assistant']);
    expect(rows[0]).toMatchObject({
      id: userEvent.messageId,
      content: 'How much does express shipping cost?',
    });
    expect(rows[1]).toMatchObject({
      id: done.messageId,
      content: text,
      metadata: {
        status: 'complete',
        model: 'extractive-v1',
        costUsd: 0,
        outputTokens: done.usage.outputTokens,
        sources: sourcesEvent.sources.map(({ index: _i, ...s }) => s),
      },
    });
    expect(done).toMatchObject({ model: 'extractive-v1', costUsd: '0.000000' });
    expect(done.usage.inputTokens).toBeGreaterThan(100);
    expect(done.usage.embeddingTokens).toBeGreaterThan(0);

    const costs = await t.raw(
      'select service, provider, tokens_used, cost_usd, metadata from cost_events where session_id = $1 order by service',
      [sessionId],
    );
    expect(costs).toEqual([
      expect.objectContaining({
        service: 'embedding',
        provider: 'local-use',
        tokens_used: done.usage.embeddingTokens,
        cost_usd: '0.000000',
      }),
      expect.objectContaining({
        service: 'llm',
        provider: 'extractive',
        tokens_used: done.usage.totalTokens,
        cost_usd: '0.000000',
      }),
    ]);
    expect(costs[1]!.metadata).toMatchObject({
      model: 'extractive-v1',
      units: { inputTokens: done.usage.inputTokens, outputTokens: done.usage.outputTokens },
    });
  });

  it('says plainly when the knowledge base has no answer', async () => {
    const sessionId = await openSession(t.db, tenantId, widgetId);
    const events = await collect(
      streamChatTurn(
        { db: t.db, embedder, env },
        { tenantId, sessionId, content: 'Who won the 1998 football world cup?' },
      ),
    );
    const text = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    expect(text).toBe(NO_ANSWER);
    const done = events.at(-1) as Extract<ChatEvent, { type: 'done' }>;
    expect(done).toMatchObject({
      type: 'done',
      model: 'extractive-v1',
      outcome: 'no-relevant-source',
    });
    // Stored with the answer, so unanswered questions can be listed.
    const [stored] = await t.raw('select metadata from messages where id = $1', [done.messageId]);
    expect(stored!.metadata).toMatchObject({ answerOutcome: 'no-relevant-source' });
  });

  it.each(['What is the speed of light?'])(
    'no answer when the words match but nothing is near in meaning: %s',
    async (question) => {
      // Words alone would have answered: a passage shares enough of the question.
      const { hits } = await hybridSearch(t.db, tenantId, question, { embedder, limit: 5 });
      const passages = hits.map((h, i) => ({ index: i + 1, title: '', content: h.content }));
      expect(judgeEvidence(question, passages).outcome).toBe('answered');

      const sessionId = await openSession(t.db, tenantId, widgetId);
      const events = await collect(
        streamChatTurn({ db: t.db, embedder, env }, { tenantId, sessionId, content: question }),
      );
      const text = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
      expect(text).toBe(NO_ANSWER);
      expect(events.at(-1)).toMatchObject({ type: 'done', outcome: 'no-relevant-source' });
    },
  );

  it('quotes the sentence that answers first, from the demo knowledge', async () => {
    const sessionId = await openSession(t.db, tenantId, widgetId);
    const events = await collect(
      streamChatTurn(
        { db: t.db, embedder, env },
        { tenantId, sessionId, content: "Can I return my skates if they don't fit?" },
      ),
    );
    const sources = (events[1] as Extract<ChatEvent, { type: 'sources' }>).sources;
    const returns = sources.find((s) => s.title === 'Returns and refunds')!;
    expect(returns).toBeDefined();
    const text = events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');
    const quotes = text.split('\n\n').filter((line) => line.startsWith('> '));
    expect(quotes[0]).toBe(
      `> You can return any product within 30 days of delivery, for any reason. [${returns.index}]`,
    );
    expect(events.at(-1)).toMatchObject({ type: 'done', outcome: 'answered' });
  });

  it('refuses bad input before storing anything', async () => {
    const sessionId = await openSession(t.db, tenantId, widgetId);
    const run = (input: Partial<Parameters<typeof streamChatTurn>[1]>) =>
      collect(
        streamChatTurn(
          { db: t.db, embedder, env },
          { tenantId, sessionId, content: 'hi', ...input },
        ),
      );
    await expect(run({ content: '   ' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'Type a message.',
    });
    await expect(run({ sessionId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(run({ widgetId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await t.raw('update sessions set ended_at = now() where id = $1', [sessionId]);
    await expect(run({})).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await t.raw('select id from messages where session_id = $1', [sessionId])).toEqual([]);
  });
});
