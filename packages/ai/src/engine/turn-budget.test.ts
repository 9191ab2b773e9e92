import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { createTestDatabase, type TestDatabase } from '@platform/db/testing';
import { countTokens, ingestDocument, insertDocument } from '@platform/rag';
import { createTestTenant, fixedEmbedder } from '@platform/rag/testing';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAiEnv } from '../env';
import type { ChatModel } from '../providers/registry';
import { collect, openSession } from '../testing/setup';
import { FALLBACK_PERSONALITY } from './context';
import { streamChatTurn } from './stream-turn';
import { runTryTurn } from './try-turn';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

/** A paid embedding model: a refused turn that still embedded its question would leave a trace. */
const paidEmbedder = fixedEmbedder(() => [1, 0, 0], 'openai/text-embedding-3-small');
// A personality allowed long answers, giving typical ones: the case where reserving the whole
// output allowance refused turns the budget still covered many times over.
const env = readAiEnv({ CHAT_DEFAULT_MAX_TOKENS: '4096' });
const TYPICAL_ANSWER = 'Returns are free within thirty days of delivery. '.repeat(15);

/** gpt-4o answering a typical answer and reporting usage as a provider does: the real prompt. */
function typicalModel(): { chat: ChatModel; calls: () => number } {
  const model = new MockLanguageModelV3({
    provider: 'openai.chat',
    modelId: 'gpt-4o',
    doStream: async (options: LanguageModelV3CallOptions) => {
      const input = countTokens(JSON.stringify(options.prompt));
      const output = countTokens(TYPICAL_ANSWER);
      return {
        stream: simulateReadableStream({
          chunks: [
            { type: 'text-start', id: '1' },
            { type: 'text-delta', id: '1', delta: TYPICAL_ANSWER },
            { type: 'text-end', id: '1' },
            {
              type: 'finish',
              finishReason: { unified: 'stop', raw: 'stop' },
              usage: {
                inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
                outputTokens: { total: output, text: output, reasoning: 0 },
              },
            },
          ],
          chunkDelayInMs: null,
          initialDelayInMs: null,
        }),
      };
    },
  });
  return {
    chat: { model, provider: 'openai', modelId: 'gpt-4o', generative: true },
    calls: () => model.doStreamCalls.length,
  };
}

const spendOf = async (tenantId: string) => {
  const [row] = await t.raw(
    'select count(*)::int as events, coalesce(sum(cost_usd), 0)::text as usd from cost_events where tenant_id = $1',
    [tenantId],
  );
  return { events: Number(row!.events), usd: Number(row!.usd) };
};
const setCap = (tenantId: string, usd: number) =>
  t.raw(
    `update tenants set settings = settings || jsonb_build_object('maxMonthlySpend', $2::numeric) where id = $1`,
    [tenantId, usd],
  );

/** A handbook long enough for every retrieved passage to be a full-size chunk, as in real use. */
async function addKnowledge(tenantId: string) {
  const topics = ['returns', 'shipping', 'warranty', 'sizing', 'charging', 'repairs', 'payment'];
  const content = Array.from(
    { length: 220 },
    (_, i) =>
      `Rule ${i + 1} about ${topics[i % topics.length]}: customers who ask about this get a clear answer within ${i % 9} working days.`,
  ).join(' ');
  const id = await insertDocument(t.db, tenantId, { title: 'Handbook', content, metadata: {} });
  const result = await ingestDocument(t.db, tenantId, id, { embedder: paidEmbedder });
  expect(result.chunkCount).toBeGreaterThanOrEqual(env.CHAT_RETRIEVAL_LIMIT);
}

async function visitorTurn(tenantId: string, chat: ChatModel) {
  const sessionId = await openSession(t.db, tenantId, null);
  const events = await collect(
    streamChatTurn(
      { db: t.db, embedder: paidEmbedder, env, chatModel: chat },
      { tenantId, sessionId, content: 'Can I return my skates?' },
    ),
  );
  return events.at(-1)!;
}

describe('the budget cap before any paid call', () => {
  it('refused turns spend nothing: no embedding, no model call, no cost event', async () => {
    const tenantId = await createTestTenant(t.db, 'Capped');
    await t.raw(
      "insert into cost_events (tenant_id, service, provider, cost_usd) values ($1, 'llm', 'openai', '0.070000')",
      [tenantId],
    );
    await setCap(tenantId, 0.07);
    const before = await spendOf(tenantId);
    const { chat, calls } = typicalModel();

    for (let i = 0; i < 10; i++) {
      expect(await visitorTurn(tenantId, chat)).toMatchObject({
        type: 'error',
        code: 'budget_exceeded',
      });
      await expect(
        runTryTurn(
          { db: t.db, embedder: paidEmbedder, env, chatModel: chat },
          { tenantId, personality: FALLBACK_PERSONALITY, content: 'Can I return my skates?' },
        ),
      ).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
    }
    expect(calls()).toBe(0);
    expect(await spendOf(tenantId)).toEqual(before);
  });

  it('a budget covering N typical turns admits about N', async () => {
    const tenantId = await createTestTenant(t.db, 'Budgeted');
    await addKnowledge(tenantId);
    const { chat } = typicalModel();
    // One typical turn, uncapped, gives its cost.
    const before = await spendOf(tenantId);
    expect(await visitorTurn(tenantId, chat)).toMatchObject({ type: 'done' });
    const after = await spendOf(tenantId);
    const typical = after.usd - before.usd;
    const N = 10;
    const cap = after.usd + N * typical;
    await setCap(tenantId, cap);

    let admitted = 0;
    for (let i = 0; i < 2 * N; i++) {
      const last = await visitorTurn(tenantId, chat);
      if (last.type !== 'done') {
        expect(last).toMatchObject({ type: 'error', code: 'budget_exceeded' });
        break;
      }
      admitted++;
    }
    expect(admitted).toBeGreaterThanOrEqual(N - 1);
    expect(admitted).toBeLessThanOrEqual(N);
    // Settled at the true cost: spend stays within the cap.
    expect((await spendOf(tenantId)).usd).toBeLessThanOrEqual(cap + 1e-9);
  });
});
