import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { seedTenant } from '../testing/fixtures';
import type { SeededTenant } from '../testing/fixtures';

/**
 * Each seeded tenant starts with one conversation (2 messages, $0.01 of llm) this month and one
 * open alert. A gets rows on both sides of the month's first instant; B gets rows of its own
 * that must never show up in A's figures.
 */
let t: TestDatabase;
let A: SeededTenant;
let B: SeededTenant;
const recentIds: string[] = [];

const MONTH_START = "date_trunc('month', now(), 'UTC')";

async function session(tenant: SeededTenant, createdAt: string): Promise<string> {
  const [row] = await t.raw(
    `insert into sessions (tenant_id, widget_id, mode, created_at) values ($1, $2, 'text', ${createdAt}) returning id`,
    [tenant.tenantId, tenant.ids.widgetId],
  );
  return row!.id as string;
}

async function message(tenant: SeededTenant, sessionId: string, at: string) {
  await t.raw(
    `insert into messages (session_id, tenant_id, role, content, timestamp) values ($1, $2, 'user', 'hi', ${at})`,
    [sessionId, tenant.tenantId],
  );
}

async function cost(tenant: SeededTenant, usd: string, at: string) {
  await t.raw(
    `insert into cost_events (tenant_id, service, provider, cost_usd, timestamp) values ($1, 'llm', 'offline', $2, ${at})`,
    [tenant.tenantId, usd],
  );
}

beforeAll(async () => {
  t = await createTestDatabase();
  A = await seedTenant(t, 'Overview A');
  B = await seedTenant(t, 'Overview B');

  // Inside the month: its very first instant, with one message then.
  const atStart = await session(A, MONTH_START);
  await message(A, atStart, MONTH_START);
  // Outside: one microsecond before. Its old message is not counted; a reply sent today is.
  const before = await session(A, `${MONTH_START} - interval '1 microsecond'`);
  await message(A, before, `${MONTH_START} - interval '1 microsecond'`);
  await message(A, before, 'now()');
  // Four more, newer than the seeded one, oldest first.
  for (let i = 1; i <= 4; i++) recentIds.push(await session(A, `now() + interval '${i} seconds'`));

  await cost(A, '0.250000', 'now()');
  await cost(A, '5.000000', `${MONTH_START} - interval '1 microsecond'`);
  await A.callers.admin.tenant.update({ settings: { maxMonthlySpend: 10 } });
  await t.raw(
    "insert into budget_alerts (tenant_id, threshold, current_spend, period, severity, resolved) values ($1, '10.00', '9.0000', 'monthly', 'critical', true)",
    [A.tenantId],
  );

  // B: busier, and none of it is A's.
  for (let i = 0; i < 3; i++) await message(B, await session(B, 'now()'), 'now()');
  await cost(B, '3.000000', 'now()');
  await t.raw(
    "insert into budget_alerts (tenant_id, threshold, current_spend, period, severity) values ($1, '10.00', '9.0000', 'monthly', 'critical')",
    [B.tenantId],
  );
});
afterAll(() => t.close());

describe('overview.stats', () => {
  it('counts exactly this calendar month (UTC), for this tenant only', async () => {
    const stats = await A.callers.member.overview.stats();
    const now = new Date();
    expect(stats.period.start).toEqual(
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    );
    // seeded + month start + four today
    expect(stats.conversations).toBe(6);
    // seeded 2 + the one at the month's start + today's reply in last month's conversation
    expect(stats.messages).toBe(4);
    expect(stats.openAlerts).toBe(1);
  });

  it('reports month-to-date spend against the hard cap', async () => {
    const { spend } = await A.callers.member.overview.stats();
    expect(spend).toMatchObject({ spentUsd: '0.260000', limitUsd: '10.000000', limitKind: 'cap' });
    const other = await B.callers.member.overview.stats();
    // B keeps the cap every new workspace starts with.
    expect(other.spend).toMatchObject({
      spentUsd: '3.010000',
      limitUsd: '100.000000',
      limitKind: 'cap',
    });
  });

  it('lists the five most recent conversations, newest first', async () => {
    const { recentConversations } = await A.callers.member.overview.stats();
    expect(recentConversations.map((s) => s.id)).toEqual([
      ...[...recentIds].reverse(),
      A.ids.sessionId,
    ]);
    expect(recentConversations[0]).toMatchObject({
      widgetName: 'Overview A widget',
      messageCount: 0,
    });
  });

  it('gives another tenant its own figures', async () => {
    const stats = await B.callers.member.overview.stats();
    expect(stats).toMatchObject({ conversations: 4, messages: 5, openAlerts: 2 });
    expect(stats.recentConversations.every((s) => s.widgetName === 'Overview B widget')).toBe(true);
  });
});
