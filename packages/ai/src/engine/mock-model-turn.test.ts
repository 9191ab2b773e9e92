import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { BUDGET_EXCEEDED_MESSAGE } from '@platform/costs';
import { tenants } from '@platform/db';
import { createTestDatabase, type TestDatabase } from '@platform/db/testing';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAiEnv } from '../env';
import type { ChatModel } from '../providers/registry';
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

const usage = (input: number, cached: number, output: number) => ({
  inputTokens: { total: input, noCache: input - cached, cacheRead: cached, cacheWrite: 0 },
  outputTokens: { total: output, text: output, reasoning: 0 },
});

function answering(parts: LanguageModelV3StreamPart[], onCall?: () => Promise<void>) {
  return new MockLanguageModelV3({
    provider: 'openai.chat',
    modelId: 'gpt-4o-mini',
    doStream: async () => {
      await onCall?.();
      return {
        stream: simulateReadableStream({
          chunks: parts,
          chunkDelayInMs: null,
          initialDelayInMs: null,
        }),
      };
    },
  });
}

const asChat = (model: MockLanguageModelV3): ChatModel => ({
  model,
  provider: 'openai',
  modelId: 'gpt-4o-mini',
  generative: true,
});

const text = (events: ChatEvent[]) =>
  events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join('');

describe('a turn with an AI SDK mock model', () => {
  it('builds the prompt from the personality and passages, streams, and prices provider usage', async () => {
    const sessionId = await openSession(t.db, tenantId, widgetId);
    let openedTransaction = false;
    const model = answering(
      [
        { type: 'text-start', id: '1' },
        { type: 'text-delta', id: '1', delta: 'Returns are free ' },
        { type: 'text-delta', id: '1', delta: 'within the EU [1].' },
        { type: 'text-end', id: '1' },
        {
          type: 'finish',
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: usage(1200, 200, 50),
        },
      ],
      // The engine must hold no transaction while the model runs: opening one here would throw.
      async () => {
        await t.db.withTenant(tenantId, async () => {});
        openedTransaction = true;
      },
    );
    const events = await collect(
      streamChatTurn(
        { db: t.db, embedder, env, chatModel: asChat(model) },
        { tenantId, sessionId, content: 'Are returns free?' },
      ),
    );
    expect(openedTransaction).toBe(true);
    expect(text(events)).toBe('Returns are free within the EU [1].');

    const call = model.doStreamCalls[0]!;
    const system = call.prompt[0]!;
    expect(system.role).toBe('system');
    expect(system.content).toMatch(/^You are a helpful assistant for Acme Corporation\./);
    expect(system.content).toContain('<passage number="1" title="Returns and refunds">');
    expect(system.content).toContain('Cite the passages you use by their number');
    expect(call.prompt.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'Are returns free?' }],
    });
    // The seeded default personality: temperature 0.7, 800 tokens; top_p 1 and zero penalties are not sent.
    expect(call).toMatchObject({ temperature: 0.7, maxOutputTokens: 800 });
    expect(call.topP).toBeUndefined();
    expect(call.frequencyPenalty).toBeUndefined();

    // gpt-4o-mini: 1000 input x $0.15/M + 200 cached x $0.075/M + 50 output x $0.60/M = $0.000195.
    const done = events.at(-1) as Extract<ChatEvent, { type: 'done' }>;
    expect(done).toMatchObject({
      type: 'done',
      model: 'gpt-4o-mini',
      costUsd: '0.000195',
      usage: { inputTokens: 1000, cachedInputTokens: 200, outputTokens: 50, totalTokens: 1250 },
    });
    const [llm] = await t.raw(
      "select cost_usd, tokens_used, metadata from cost_events where session_id = $1 and service = 'llm'",
      [sessionId],
    );
    expect(llm).toMatchObject({
      cost_usd: '0.000195',
      tokens_used: 1250,
      metadata: {
        model: 'gpt-4o-mini',
        units: { inputTokens: 1000, cachedInputTokens: 200, outputTokens: 50 },
      },
    });
    const [session] = await t.raw('select cost_usd from sessions where id = $1', [sessionId]);
    expect(session!.cost_usd).toBe('0.0002');
    const [assistant] = await t.raw('select metadata from messages where id = $1', [
      done.messageId,
    ]);
    expect(assistant!.metadata).toMatchObject({
      status: 'complete',
      model: 'gpt-4o-mini',
      inputTokens: 1200,
      outputTokens: 50,
      tokensUsed: 1250,
      costUsd: 0.000195,
    });
    expect((assistant!.metadata as { latencyMs: number }).latencyMs).toBeGreaterThanOrEqual(0);
    // No reservation left holding money.
    expect(
      await t.raw('select id from budget_reservations where tenant_id = $1', [tenantId]),
    ).toEqual([]);
  });

  it('sends the conversation so far, without failed answers', async () => {
    const sessionId = await openSession(t.db, tenantId, widgetId);
    const finish = {
      type: 'finish',
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: usage(10, 0, 2),
    } as const;
    const first = answering([
      { type: 'text-start', id: '1' },
      { type: 'text-delta', id: '1', delta: 'Hi there.' },
      { type: 'text-end', id: '1' },
      finish,
    ]);
    await collect(
      streamChatTurn(
        { db: t.db, embedder, env, chatModel: asChat(first) },
        { tenantId, sessionId, content: 'Hello' },
      ),
    );
    const broken = answering([{ type: 'error', error: new Error('overloaded') }]);
    await collect(
      streamChatTurn(
        { db: t.db, embedder, env, chatModel: asChat(broken) },
        { tenantId, sessionId, content: 'Still there?' },
      ),
    );
    const second = answering([finish]);
    await collect(
      streamChatTurn(
        { db: t.db, embedder, env, chatModel: asChat(second) },
        { tenantId, sessionId, content: 'Ship to Norway?' },
      ),
    );
    const turns = second.doStreamCalls[0]!.prompt.slice(1).map((m) => ({
      role: m.role,
      text: (m.content as Array<{ text: string }>)[0]!.text,
    }));
    expect(turns).toEqual([
      { role: 'user', text: 'Hello' },
      { role: 'assistant', text: 'Hi there.' },
      { role: 'user', text: 'Still there?' },
      { role: 'user', text: 'Ship to Norway?' },
    ]);
  });

  it('a stream error after some text leaves the question stored and the answer failed, with its partial text', async () => {
    const sessionId = await openSession(t.db, tenantId, widgetId);
    const model = answering([
      { type: 'text-start', id: '1' },
      { type: 'text-delta', id: '1', delta: 'Our warehouse is in ' },
      { type: 'error', error: new Error('upstream connection reset') },
    ]);
    const events = await collect(
      streamChatTurn(
        { db: t.db, embedder, env, chatModel: asChat(model) },
        { tenantId, sessionId, content: 'Where is the warehouse?' },
      ),
    );
    const failure = events.at(-1) as Extract<ChatEvent, { type: 'error' }>;
    expect(failure).toMatchObject({
      type: 'error',
      code: 'model_failed',
      reason: 'Sorry, something went wrong while answering. Please try again.',
    });
    const rows = await t.raw(
      'select id, role, content, metadata from messages where session_id = $1 order by timestamp',
      [sessionId],
    );
    expect(rows.map((r) => [r.role, r.content])).toEqual([
      ['user', 'Where is the warehouse?'],
      ['assistant', 'Our warehouse is in '],
    ]);
    expect(rows[1]).toMatchObject({
      id: failure.messageId,
      metadata: {
        status: 'failed',
        failureReason: 'The openai model failed before finishing: upstream connection reset',
        model: 'gpt-4o-mini',
      },
    });
    // The call was made: its tokens are recorded as an estimate.
    const [llm] = await t.raw(
      "select metadata from cost_events where session_id = $1 and service = 'llm'",
      [sessionId],
    );
    expect(llm!.metadata).toMatchObject({ estimated: true, failed: true });
    expect(
      await t.raw('select id from budget_reservations where tenant_id = $1', [tenantId]),
    ).toEqual([]);
  });

  it('a provider error before streaming is reported with its status', async () => {
    const sessionId = await openSession(t.db, tenantId, widgetId);
    const model = new MockLanguageModelV3({
      doStream: async () => {
        throw new APICallError({
          message: 'Invalid API key',
          url: 'http://127.0.0.1/v1/chat/completions',
          requestBodyValues: {},
          statusCode: 401,
          isRetryable: false,
        });
      },
    });
    const events = await collect(
      streamChatTurn(
        { db: t.db, embedder, env, chatModel: asChat(model) },
        { tenantId, sessionId, content: 'Hello?' },
      ),
    );
    const failure = events.at(-1) as Extract<ChatEvent, { type: 'error' }>;
    const [row] = await t.raw('select metadata from messages where id = $1', [failure.messageId]);
    expect(row!.metadata).toMatchObject({
      status: 'failed',
      failureReason: 'The openai model call failed: HTTP 401 Invalid API key',
    });
  });

  it('the caller leaving mid-answer stops the model and marks the answer interrupted', async () => {
    const sessionId = await openSession(t.db, tenantId, widgetId);
    const model = new MockLanguageModelV3({
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [
            { type: 'text-start', id: '1' },
            ...Array.from({ length: 50 }, (_, i): LanguageModelV3StreamPart => ({
              type: 'text-delta',
              id: '1',
              delta: `word${i} `,
            })),
          ],
          chunkDelayInMs: 5,
        }),
      }),
    });
    for await (const event of streamChatTurn(
      { db: t.db, embedder, env, chatModel: asChat(model) },
      { tenantId, sessionId, content: 'Tell me everything' },
    )) {
      if (event.type === 'delta') break;
    }
    const [assistant] = await t.raw(
      "select content, metadata from messages where session_id = $1 and role = 'assistant'",
      [sessionId],
    );
    expect(assistant).toMatchObject({
      content: 'word0 ',
      metadata: {
        status: 'failed',
        failureReason: 'The visitor left before the answer was complete.',
      },
    });
  });

  it('refuses politely, without calling the model, when the budget cap is reached', async () => {
    const sessionId = await openSession(t.db, tenantId, widgetId);
    const [tenant] = await t.db.withTenant(tenantId, (tx) =>
      tx.select({ settings: tenants.settings }).from(tenants),
    );
    await t.db.withTenant(tenantId, (tx) =>
      tx
        .update(tenants)
        .set({ settings: { ...tenant!.settings, maxMonthlySpend: 0.0001 } })
        .where(eq(tenants.id, tenantId)),
    );
    try {
      const model = answering([]);
      const events = await collect(
        streamChatTurn(
          { db: t.db, embedder, env, chatModel: asChat(model) },
          { tenantId, sessionId, content: 'Are returns free?' },
        ),
      );
      expect(model.doStreamCalls).toHaveLength(0);
      // Refused before retrieval: the question is not even embedded.
      expect(events.map((e) => e.type)).toEqual(['user-message', 'error']);
      expect(events.at(-1)).toMatchObject({
        code: 'budget_exceeded',
        reason: BUDGET_EXCEEDED_MESSAGE,
      });
      const rows = await t.raw(
        'select role, metadata from messages where session_id = $1 order by timestamp',
        [sessionId],
      );
      expect(rows.map((r) => r.role)).toEqual(['user', 'assistant']);
      expect(rows[1]!.metadata).toMatchObject({
        status: 'failed',
        failureReason: 'Refused: the monthly spending cap is reached.',
      });
      expect(await t.raw('select id from cost_events where session_id = $1', [sessionId])).toEqual(
        [],
      );
    } finally {
      await t.db.withTenant(tenantId, (tx) =>
        tx.update(tenants).set({ settings: tenant!.settings }).where(eq(tenants.id, tenantId)),
      );
    }
  });
});
