import { createTestDatabase, type TestDatabase } from '@platform/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAiEnv } from '../env';
import { embedder, seedKnowledge } from '../testing/setup';
import { FALLBACK_PERSONALITY } from './context';
import { runTryTurn } from './try-turn';

let t: TestDatabase;
let tenantId: string;
const env = readAiEnv({});
const meta = { source: 'playground', userId: 'someone' };

beforeAll(async () => {
  t = await createTestDatabase();
  tenantId = (await seedKnowledge(t.db)).tenantId;
});
afterAll(() => t.close());

/** This file's tenant's rows: other files may share the database (TEST_DATABASE_URL). */
const count = async (table: string) =>
  Number(
    (await t.raw(`select count(*)::int as n from ${table} where tenant_id = $1`, [tenantId]))[0]!.n,
  );

describe('a test chat turn (no conversation)', () => {
  it('answers from the knowledge base, meters the call and stores no conversation', async () => {
    const before = { sessions: await count('sessions'), messages: await count('messages') };
    const result = await runTryTurn(
      { db: t.db, embedder, env },
      {
        tenantId,
        personality: FALLBACK_PERSONALITY,
        content: 'How much does express shipping cost?',
        history: [{ role: 'user', content: 'Hello' }],
        costMetadata: meta,
      },
    );
    const shipping = result.sources.find((s) => s.title === 'Shipping policy')!;
    expect(shipping).toBeDefined();
    expect(result.answer).toContain(`costs 12.50 euros. [${shipping.index}]`);
    expect(result).toMatchObject({ model: 'extractive-v1', costUsd: '0.000000' });

    const events = await t.raw(
      "select service, session_id, metadata from cost_events where tenant_id = $1 and metadata->>'source' = 'playground' order by service",
      [tenantId],
    );
    expect(events).toEqual([
      expect.objectContaining({ service: 'embedding', session_id: null }),
      expect.objectContaining({ service: 'llm', session_id: null }),
    ]);
    expect(events[1]!.metadata).toMatchObject({ ...meta, operation: 'chat' });
    expect({ sessions: await count('sessions'), messages: await count('messages') }).toEqual(
      before,
    );
    expect(await count('budget_reservations')).toBe(0);
  });

  it('is refused over the monthly cap, before the model is called', async () => {
    await t.raw(
      `update tenants set settings = settings || '{"maxMonthlySpend": 1}'::jsonb where id = $1`,
      [tenantId],
    );
    await t.raw(
      "insert into cost_events (tenant_id, service, provider, cost_usd) values ($1, 'llm', 'openai', '2.000000')",
      [tenantId],
    );
    const llmCount =
      "select count(*)::int as n from cost_events where tenant_id = $1 and service = 'llm' and metadata->>'source' = 'playground'";
    const llmBefore = await t.raw(llmCount, [tenantId]);
    await expect(
      runTryTurn(
        { db: t.db, embedder, env },
        { tenantId, personality: FALLBACK_PERSONALITY, content: 'Shipping?', costMetadata: meta },
      ),
    ).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED' });
    expect(await t.raw(llmCount, [tenantId])).toEqual(llmBefore);
  });

  it('refuses an empty message', async () => {
    await expect(
      runTryTurn(
        { db: t.db, embedder, env },
        { tenantId, personality: FALLBACK_PERSONALITY, content: '  ' },
      ),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
