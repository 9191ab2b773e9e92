import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { seedTenant } from '../testing/fixtures';
import type { SeededTenant } from '../testing/fixtures';

/** sessions.list's full-text search over message content, with the other filters. */
let t: TestDatabase;
let A: SeededTenant;
let B: SeededTenant;
const ids: Record<'refund' | 'shipping' | 'meeting' | 'other', string> = {} as never;

async function conversation(
  tenant: SeededTenant,
  options: { mode?: 'text' | 'meeting'; daysAgo?: number },
  lines: Array<['user' | 'assistant' | 'system', string]>,
): Promise<string> {
  const [row] = await t.raw(
    `insert into sessions (tenant_id, widget_id, meeting_id, mode, created_at)
     values ($1, $2, $3, $4, now() - make_interval(days => $5)) returning id`,
    [
      tenant.tenantId,
      options.mode === 'meeting' ? null : tenant.ids.widgetId,
      options.mode === 'meeting' ? tenant.ids.meetingId : null,
      options.mode ?? 'text',
      options.daysAgo ?? 0,
    ],
  );
  for (const [role, content] of lines) {
    await t.raw(
      'insert into messages (session_id, tenant_id, role, content) values ($1, $2, $3, $4)',
      [row!.id, tenant.tenantId, role, content],
    );
  }
  return row!.id as string;
}

beforeAll(async () => {
  t = await createTestDatabase();
  A = await seedTenant(t, 'Search A');
  B = await seedTenant(t, 'Search B');
  ids.refund = await conversation(A, {}, [
    ['user', 'Can I get a refund for my order?'],
    ['assistant', 'Yes, within thirty days of delivery.'],
  ]);
  ids.shipping = await conversation(A, { daysAgo: 10 }, [
    ['user', 'What does shipping cost to Spain?'],
    ['assistant', 'It is free above fifty euros.'],
  ]);
  ids.meeting = await conversation(A, { mode: 'meeting' }, [
    ['user', 'Let us review the refund policy.'],
    ['system', 'Internal note about lighthouses.'],
  ]);
  ids.other = await conversation(B, {}, [['user', 'I want a refund, please.']]);
});
afterAll(() => t.close());

const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((s) => s.id).sort();

describe('sessions.list search', () => {
  it("finds conversations by a word of the visitor's or the assistant's message", async () => {
    const list = A.callers.member.sessions.list;
    expect(idsOf(await list({ limit: 10, search: 'shipping' }))).toEqual([ids.shipping]);
    expect(idsOf(await list({ limit: 10, search: 'thirty' }))).toEqual([ids.refund]);
  });

  it('stems English words: "refunds" finds "refund"', async () => {
    const page = await A.callers.member.sessions.list({ limit: 10, search: '  Refunds ' });
    expect(idsOf(page)).toEqual([ids.refund, ids.meeting].sort());
    expect(page.items.find((s) => s.id === ids.refund)?.messageCount).toBe(2);
  });

  it('gives an empty list when nothing matches, system messages included', async () => {
    const list = A.callers.member.sessions.list;
    expect((await list({ limit: 10, search: 'zebra' })).items).toEqual([]);
    expect((await list({ limit: 10, search: 'lighthouses' })).items).toEqual([]);
  });

  it("never shows another tenant's conversations", async () => {
    expect(idsOf(await B.callers.member.sessions.list({ limit: 10, search: 'refund' }))).toEqual([
      ids.other,
    ]);
    const mine = await A.callers.member.sessions.list({ limit: 10, search: 'please' });
    expect(mine.items).toEqual([]);
  });

  it('combines with widget, mode and date filters, and pages', async () => {
    const list = A.callers.member.sessions.list;
    expect(idsOf(await list({ limit: 10, search: 'refund', mode: 'text' }))).toEqual([ids.refund]);
    expect(idsOf(await list({ limit: 10, search: 'refund', mode: 'meeting' }))).toEqual([
      ids.meeting,
    ]);
    expect(idsOf(await list({ limit: 10, search: 'refund', widgetId: A.ids.widgetId }))).toEqual([
      ids.refund,
    ]);
    const lastWeek = new Date(Date.now() - 7 * 86_400_000);
    expect((await list({ limit: 10, search: 'shipping', from: lastWeek })).items).toEqual([]);
    expect(idsOf(await list({ limit: 10, search: 'shipping', to: lastWeek }))).toEqual([
      ids.shipping,
    ]);

    const first = await list({ limit: 1, search: 'refund' });
    expect(first.nextCursor).not.toBeNull();
    const second = await list({ limit: 1, search: 'refund', cursor: first.nextCursor! });
    expect([...idsOf(first), ...idsOf(second)].sort()).toEqual([ids.refund, ids.meeting].sort());
    expect(second.nextCursor).toBeNull();
  });

  it('treats blank as no search and odd syntax as words', async () => {
    const list = A.callers.member.sessions.list;
    expect((await list({ limit: 10, search: '   ' })).items).toHaveLength(4);
    expect((await list({ limit: 10, search: "x'); delete from sessions; --" })).items).toEqual([]);
    expect((await list({ limit: 10 })).items).toHaveLength(4);
    expect(idsOf(await list({ limit: 10, search: '"get a refund" -spain' }))).toEqual([ids.refund]);
  });
});
