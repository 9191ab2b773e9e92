import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { createLocalEmbeddingProvider, ingestPendingDocuments } from '@platform/rag';
import { seedTenant } from '../testing/fixtures';
import type { SeededTenant } from '../testing/fixtures';
import { attempt } from '../testing/procedures';
import { TRY_CHAT_OVER_BUDGET } from './try-chat';

/** personalities.tryChat with the real engine (offline extractive answerer) and database. */
let t: TestDatabase;
let S: SeededTenant;
let Other: SeededTenant;

beforeAll(async () => {
  t = await createTestDatabase();
  S = await seedTenant(t, 'Try Co');
  Other = await seedTenant(t, 'Elsewhere');
  await S.callers.admin.knowledge.create({
    title: 'Returns policy',
    content:
      'Refunds are paid within fourteen days of receiving the returned parcel. Returns are free for orders above fifty euros.',
  });
  const ingested = await ingestPendingDocuments(t.db, {
    embedder: createLocalEmbeddingProvider(),
    batchSize: 16,
    tenantIds: [S.tenantId],
  });
  expect(ingested.failed).toBe(0);
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.raw(sql, params))[0]!.n);

describe('personalities.tryChat', () => {
  it('answers from the knowledge base with sources, model and cost, and is metered', async () => {
    const conversations = await count(
      'select count(*)::int as n from sessions where tenant_id = $1',
      [S.tenantId],
    );
    const result = await S.callers.admin.personalities.tryChat({
      personalityId: S.ids.personalityId,
      draft: { systemPrompt: 'Unsaved: answer briefly.', temperature: 0.1, topP: null },
      message: 'When are refunds paid?',
      history: [{ role: 'user', content: 'Hi' }],
    });
    const returns = result.sources.find((s) => s.title === 'Returns policy')!;
    expect(returns).toBeDefined();
    expect(result.answer).toContain(`fourteen days`);
    expect(result.answer).toContain(`[${returns.index}]`);
    expect(result).toMatchObject({
      model: 'extractive-v1',
      costUsd: '0.000000',
      personalityId: S.ids.personalityId,
    });

    const events = await t.raw(
      "select service, session_id, metadata from cost_events where tenant_id = $1 and metadata->>'source' = 'playground' order by service",
      [S.tenantId],
    );
    expect(events.map((e) => [e.service, e.session_id])).toEqual([
      ['embedding', null],
      ['llm', null],
    ]);
    expect(events[1]!.metadata).toMatchObject({
      userId: S.users.admin,
      personalityId: S.ids.personalityId,
      operation: 'chat',
    });
    // Not a visitor conversation: nothing new in Conversations.
    expect(
      await count('select count(*)::int as n from sessions where tenant_id = $1', [S.tenantId]),
    ).toBe(conversations);
    expect((await S.callers.admin.sessions.list({ limit: 100 })).items).toHaveLength(1);
  });

  it('works with a draft alone (a personality not saved yet)', async () => {
    const result = await S.callers.owner.personalities.tryChat({
      draft: { systemPrompt: 'Be kind.', temperature: 0.5 },
      message: 'Are returns free?',
    });
    expect(result.sources.some((s) => s.title === 'Returns policy')).toBe(true);
    expect(result.personalityId).toBeNull();
  });

  it('is for admins: a member is refused and nothing is metered', async () => {
    const before = await count('select count(*)::int as n from cost_events where tenant_id = $1', [
      S.tenantId,
    ]);
    expect(
      await attempt(S.callers.member, 'personalities.tryChat', {
        personalityId: S.ids.personalityId,
        message: 'When are refunds paid?',
      }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(
      await count('select count(*)::int as n from cost_events where tenant_id = $1', [S.tenantId]),
    ).toBe(before);
  });

  it("never runs another tenant's personality or knowledge", async () => {
    expect(
      await attempt(Other.callers.admin, 'personalities.tryChat', {
        personalityId: S.ids.personalityId,
        message: 'When are refunds paid?',
      }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const theirs = await Other.callers.admin.personalities.tryChat({
      message: 'When are refunds paid?',
    });
    expect(theirs.sources.map((s) => s.title)).not.toContain('Returns policy');
  });

  it('is refused with a clear error over the monthly spending limit', async () => {
    await S.callers.admin.tenant.update({ settings: { maxMonthlySpend: 1 } });
    await t.raw(
      "insert into cost_events (tenant_id, service, provider, cost_usd) values ($1, 'llm', 'openai', '2.000000')",
      [S.tenantId],
    );
    const llmBefore = await count(
      "select count(*)::int as n from cost_events where tenant_id = $1 and service = 'llm' and metadata->>'source' = 'playground'",
      [S.tenantId],
    );
    const outcome = await attempt(S.callers.admin, 'personalities.tryChat', {
      personalityId: S.ids.personalityId,
      message: 'When are refunds paid?',
    });
    expect(outcome).toMatchObject({
      ok: false,
      code: 'TOO_MANY_REQUESTS',
      message: TRY_CHAT_OVER_BUDGET,
    });
    expect(outcome.shape?.data).toMatchObject({ appCode: 'BUDGET_EXCEEDED' });
    expect(
      await count(
        "select count(*)::int as n from cost_events where tenant_id = $1 and service = 'llm' and metadata->>'source' = 'playground'",
        [S.tenantId],
      ),
    ).toBe(llmBefore);
  });
});
