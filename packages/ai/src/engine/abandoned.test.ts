import { messages } from '@platform/db';
import { createTestDatabase, type TestDatabase } from '@platform/db/testing';
import { createTestTenant } from '@platform/rag/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../testing/setup';
import { ABANDONED_ANSWER_REASON, failAbandonedAnswers } from './abandoned';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe('failAbandonedAnswers', () => {
  it('fails answers left streaming past the deadline, in every tenant, and nothing else', async () => {
    const tenants = [await createTestTenant(t.db, 'Crash'), await createTestTenant(t.db, 'Other')];
    const ids: Record<string, string> = {};
    for (const [n, tenantId] of tenants.entries()) {
      const sessionId = await openSession(t.db, tenantId, null);
      const rows = await t.db.withTenant(tenantId, (tx) =>
        tx
          .insert(messages)
          .values(
            [
              { status: 'streaming', at: minutesAgo(5), content: 'Half an ans' },
              { status: 'streaming', at: minutesAgo(0), content: '' }, // still within its deadline
              { status: 'complete', at: minutesAgo(5), content: 'A whole answer.' },
            ].map((m) => ({
              tenantId,
              sessionId,
              role: 'assistant' as const,
              content: m.content,
              timestamp: m.at,
              metadata: { status: m.status as 'streaming' | 'complete', model: 'extractive' },
            })),
          )
          .returning({ id: messages.id }),
      );
      ids[`old${n}`] = rows[0]!.id;
      ids[`live${n}`] = rows[1]!.id;
      ids[`done${n}`] = rows[2]!.id;
    }

    const statusOf = async (id: string) =>
      (await t.raw('select content, metadata from messages where id = $1', [id]))[0]!;
    // The periodic sweep looks back a bounded window only: 5 minutes ago is outside 4.
    await failAbandonedAnswers(t.db, { olderThanMs: 90_000, lookBackMs: 4 * 60_000 });
    expect((await statusOf(ids.old0!)).metadata).toMatchObject({ status: 'streaming' });

    // A previous run of this suite on the same database may have left others: at least ours.
    expect(await failAbandonedAnswers(t.db, { olderThanMs: 90_000 })).toBeGreaterThanOrEqual(2);

    for (const n of [0, 1]) {
      expect(await statusOf(ids[`old${n}`]!)).toMatchObject({
        content: 'Half an ans', // the partial text stays for the dashboard
        metadata: { status: 'failed', failureReason: ABANDONED_ANSWER_REASON, model: 'extractive' },
      });
      expect((await statusOf(ids[`live${n}`]!)).metadata).toMatchObject({ status: 'streaming' });
      expect((await statusOf(ids[`done${n}`]!)).metadata).toMatchObject({ status: 'complete' });
    }
    // Idempotent: nothing of ours left to mark.
    await failAbandonedAnswers(t.db, { olderThanMs: 90_000 });
    expect((await statusOf(ids.live0!)).metadata).toMatchObject({ status: 'streaming' });
  });
});
