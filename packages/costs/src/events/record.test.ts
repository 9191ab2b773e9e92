import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { AppError } from '@platform/errors';
import { makeTenant } from '../test/fixtures';
import { listCostEvents } from './list';
import { recordCostEvent } from './record';

let t: TestDatabase;
let a: Awaited<ReturnType<typeof makeTenant>>;
let b: Awaited<ReturnType<typeof makeTenant>>;

beforeAll(async () => {
  t = await createTestDatabase();
  a = await makeTenant(t.db);
  b = await makeTenant(t.db);
});
afterAll(async () => {
  await t.close();
});

const sessionCost = async (id: string) =>
  String((await t.raw('select cost_usd from sessions where id = $1', [id]))[0]!.cost_usd);

describe('recordCostEvent', () => {
  test('prices the call, writes the event and adds it to the session in the same transaction', async () => {
    const recorded = await t.db.withTenant(a.tenantId, (tx) =>
      recordCostEvent(tx, {
        tenantId: a.tenantId,
        sessionId: a.sessionId,
        service: 'llm',
        provider: 'openai',
        model: 'gpt-4o-mini-2024-07-18',
        units: { inputTokens: 1200, outputTokens: 300 },
      }),
    );
    // 1200 * 0.15 + 300 * 0.6 = 180 + 180 micro-dollars
    expect(recorded.microUsd).toBe(360n);
    expect(recorded.costUsd).toBe('0.000360');
    const [event] = await t.raw('select * from cost_events where id = $1', [recorded.eventId]);
    expect(event).toMatchObject({
      tenant_id: a.tenantId,
      session_id: a.sessionId,
      tokens_used: 1500,
      cost_usd: '0.000360',
    });
    expect((event!.metadata as Record<string, unknown>).priceVersion).toBe(
      'openai/gpt-4o-mini@2024-07-18',
    );
  });

  test('the session total is the exact sum of its events, rounded once', async () => {
    const { tenantId, sessionId } = await makeTenant(t.db);
    for (let i = 0; i < 10; i++) {
      // 150 micro-dollars each: a 4-decimal running total would round every one to 0.0002.
      await t.db.withTenant(tenantId, (tx) =>
        recordCostEvent(tx, {
          tenantId,
          sessionId,
          service: 'llm',
          provider: 'openai',
          model: 'gpt-4o-mini',
          units: { inputTokens: 1000 },
        }),
      );
    }
    expect(await sessionCost(sessionId)).toBe('0.0015');
  });

  test('concurrent recorders for one session lose no update', async () => {
    const { tenantId, sessionId } = await makeTenant(t.db);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        t.db.withTenant(tenantId, (tx) =>
          recordCostEvent(tx, {
            tenantId,
            sessionId,
            service: 'voice_stt',
            provider: 'deepgram',
            model: 'nova-3',
            units: { audioMinutes: 1 },
          }),
        ),
      ),
    );
    expect(await sessionCost(sessionId)).toBe('0.0860');
  });

  test('a failure after recording rolls the event and the session total back together', async () => {
    const before = await sessionCost(a.sessionId);
    const count = async () =>
      Number(
        (
          await t.raw('select count(*)::int as n from cost_events where tenant_id = $1', [
            a.tenantId,
          ])
        )[0]!.n,
      );
    const events = await count();
    await expect(
      t.db.withTenant(a.tenantId, async (tx) => {
        await recordCostEvent(tx, {
          tenantId: a.tenantId,
          sessionId: a.sessionId,
          service: 'llm',
          provider: 'openai',
          model: 'gpt-4o',
          units: { outputTokens: 1000 },
        });
        await tx.execute(sql`select 1/0`);
      }),
    ).rejects.toThrow();
    expect(await sessionCost(a.sessionId)).toBe(before);
    expect(await count()).toBe(events);
  });

  test('an unknown model writes nothing and says which', async () => {
    const error = await t.db
      .withTenant(a.tenantId, (tx) =>
        recordCostEvent(tx, {
          tenantId: a.tenantId,
          service: 'llm',
          provider: 'openai',
          model: 'gpt-unknown',
          units: { inputTokens: 5 },
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('UNAVAILABLE');
    expect((error as AppError).message).toContain('openai/gpt-unknown');
  });

  test("another tenant's session is NOT_FOUND and its total is untouched", async () => {
    const before = await sessionCost(a.sessionId);
    const error = await t.db
      .withTenant(b.tenantId, (tx) =>
        recordCostEvent(tx, {
          tenantId: b.tenantId,
          sessionId: a.sessionId,
          service: 'llm',
          provider: 'openai',
          model: 'gpt-4o',
          units: { inputTokens: 5 },
        }),
      )
      .catch((e: unknown) => e);
    expect((error as AppError).code).toBe('NOT_FOUND');
    expect(await sessionCost(a.sessionId)).toBe(before);
  });
});

describe('listCostEvents', () => {
  test('pages newest first without gaps or repeats, with filters', async () => {
    const { tenantId, sessionId } = await makeTenant(t.db);
    const base = Date.parse('2026-11-20T10:00:00Z');
    await t.db.withTenant(tenantId, async (tx) => {
      for (let i = 0; i < 25; i++) {
        await recordCostEvent(tx, {
          tenantId,
          sessionId: i % 2 ? sessionId : null,
          service: i % 5 === 0 ? 'embedding' : 'llm',
          provider: i % 5 === 0 ? 'openai' : 'anthropic',
          model: i % 5 === 0 ? 'text-embedding-3-small' : 'claude-haiku-4-5',
          units: i % 5 === 0 ? { embeddingTokens: 100 } : { inputTokens: 100 },
          metadata: i % 5 === 0 ? { operation: 'query', source: 'playground' } : undefined,
          // pairs share a timestamp: the id breaks ties
          at: new Date(base + Math.floor(i / 2) * 1000),
        });
      }
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.db.withTenant(tenantId, (tx) =>
        listCostEvents(tx, { limit: 7, cursor }),
      );
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);

    const embeddings = await t.db.withTenant(tenantId, (tx) =>
      listCostEvents(tx, { limit: 50, service: 'embedding' }),
    );
    expect(embeddings.items).toHaveLength(5);
    expect(embeddings.items[0]).toMatchObject({
      provider: 'openai',
      model: 'text-embedding-3-small',
      costUsd: '0.000002',
      // What the call was for and where from: the Costs page marks test chats.
      operation: 'query',
      source: 'playground',
    });
    const inSession = await t.db.withTenant(tenantId, (tx) =>
      listCostEvents(tx, { limit: 50, sessionId }),
    );
    expect(inSession.items).toHaveLength(12);
    const window = await t.db.withTenant(tenantId, (tx) =>
      listCostEvents(tx, { limit: 50, from: new Date(base + 2000), to: new Date(base + 4000) }),
    );
    expect(window.items).toHaveLength(4);
    expect(window.items[0]!.timestamp.getTime()).toBeGreaterThan(
      window.items[3]!.timestamp.getTime(),
    );

    const other = await t.db.withTenant(b.tenantId, (tx) => listCostEvents(tx, { limit: 200 }));
    expect(other.items.every((i) => !seen.includes(i.id))).toBe(true);
  });

  test('a forged cursor is BAD_INPUT', async () => {
    const error = await t.db
      .withTenant(a.tenantId, (tx) => listCostEvents(tx, { limit: 5, cursor: 'nope' }))
      .catch((e: unknown) => e);
    expect((error as AppError).code).toBe('BAD_INPUT');
  });
});
