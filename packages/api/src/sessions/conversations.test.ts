import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { seedTenant } from '../testing/fixtures';
import type { SeededTenant } from '../testing/fixtures';
import { attempt } from '../testing/procedures';

/** sessions (conversations), costs, budgets and meetings: the dashboard's read side. */
let t: TestDatabase;
let S: SeededTenant;
let meetingSessionId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  S = await seedTenant(t, 'Talk Co');
  const [old] = await t.raw(
    "insert into sessions (tenant_id, mode, created_at) values ($1, 'text', now() - interval '40 days') returning id",
    [S.tenantId],
  );
  expect(old).toBeDefined();
  const [meetingSession] = await t.raw(
    "insert into sessions (tenant_id, mode, meeting_id) values ($1, 'meeting', $2) returning id",
    [S.tenantId, S.ids.meetingId],
  );
  meetingSessionId = meetingSession!.id as string;
  await t.raw(
    "insert into cost_events (tenant_id, session_id, service, cost_usd) values ($1, $2, 'livekit', '0.500000')",
    [S.tenantId, meetingSessionId],
  );
});
afterAll(() => t.close());

describe('sessions', () => {
  it('list filters by widget, mode and date range, with message counts', async () => {
    const byWidget = await S.callers.member.sessions.list({ limit: 10, widgetId: S.ids.widgetId });
    expect(byWidget.items.map((s) => [s.id, s.messageCount, s.widgetName])).toEqual([
      [S.ids.sessionId, 2, 'Talk Co widget'],
    ]);
    expect(
      (await S.callers.member.sessions.list({ limit: 10, mode: 'meeting' })).items.map((s) => s.id),
    ).toEqual([meetingSessionId]);
    const recent = await S.callers.member.sessions.list({
      limit: 10,
      from: new Date(Date.now() - 86_400_000),
    });
    expect(recent.items).toHaveLength(2);
    const old = await S.callers.member.sessions.list({
      limit: 10,
      to: new Date(Date.now() - 30 * 86_400_000).toISOString(), // ISO strings work too
    });
    expect(old.items).toHaveLength(1);
    expect(
      await attempt(S.callers.member, 'sessions.list', {
        limit: 10,
        from: new Date(),
        to: new Date(0),
      }),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('list pages through all of them once', async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await S.callers.member.sessions.list({ limit: 1, cursor });
      ids.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });

  it('get returns the conversation with its messages in order', async () => {
    const session = await S.callers.member.sessions.get({ id: S.ids.sessionId });
    expect(session).toMatchObject({
      id: S.ids.sessionId,
      mode: 'text',
      costUsd: '0.0100',
      messageCount: 2,
      messagesTruncated: false,
    });
    expect(session.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Hello Talk Co'],
      ['assistant', 'Hi!'],
    ]);
  });
});

describe('costs and budgets', () => {
  it('summary groups by period and service', async () => {
    const rows = await S.callers.member.costs.summary({
      startDate: new Date(Date.now() - 86_400_000),
      endDate: new Date(Date.now() + 86_400_000),
      groupBy: 'month',
    });
    const byService = Object.fromEntries(rows.map((r) => [r.service, r.totalCostUsd]));
    expect(Number(byService.llm)).toBeCloseTo(0.01, 6);
    expect(Number(byService.livekit)).toBeCloseTo(0.5, 6);
  });

  it('listEvents filters by service and conversation', async () => {
    const llm = await S.callers.member.costs.listEvents({ limit: 10, service: 'llm' });
    expect(llm.items.map((e) => e.id)).toEqual([S.ids.costEventId]);
    const ofMeeting = await S.callers.member.costs.listEvents({
      limit: 10,
      sessionId: meetingSessionId,
    });
    expect(ofMeeting.items.map((e) => e.service)).toEqual(['livekit']);
    expect(ofMeeting.nextCursor).toBeNull();
  });

  it('listAlerts and resolveAlert', async () => {
    expect(
      (await S.callers.member.budgets.listAlerts({ limit: 10, resolved: false })).items.map(
        (a) => a.id,
      ),
    ).toEqual([S.ids.alertId]);
    const resolved = await S.callers.admin.budgets.resolveAlert({ id: S.ids.alertId });
    expect(resolved).toMatchObject({ id: S.ids.alertId, resolved: true });
    expect(
      (await S.callers.member.budgets.listAlerts({ limit: 10, resolved: false })).items,
    ).toEqual([]);
    expect(
      (await S.callers.member.budgets.listAlerts({ limit: 10, resolved: true })).items,
    ).toHaveLength(1);
  });
});

describe('meetings', () => {
  it('list and get', async () => {
    const page = await S.callers.member.meetings.list({ limit: 10 });
    expect(page.items.map((m) => m.id)).toEqual([S.ids.meetingId]);
    const meeting = await S.callers.member.meetings.get({ id: S.ids.meetingId });
    expect(meeting).toMatchObject({
      id: S.ids.meetingId,
      title: 'Talk Co standup',
      status: 'live',
      sessionId: meetingSessionId,
    });
    expect(Number(meeting.costUsd)).toBeCloseTo(0.5, 6);
  });
});
