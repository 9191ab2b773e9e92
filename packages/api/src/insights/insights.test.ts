import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffs, messages, sessions } from '@platform/db';
import type { MessageMetadata } from '@platform/db';
import { createLocalEmbeddingProvider, ingestPendingDocuments } from '@platform/rag';
import { aiChatEngine } from '../widget/ai-engine';
import { createWidgetApi } from '../widget/api';
import { readWidgetEnv } from '../widget/env';
import type { ChatStreamEvent, SessionStartResponse } from '../widget/protocol';
import { callerFor, createApiTestDatabase, seedTenant } from '../testing/fixtures';
import type { ApiTestDatabase, SeededTenant } from '../testing/fixtures';
import { attempt } from '../testing/procedures';

/**
 * Insights on one real database: conversations are written directly (as the widget would store
 * them, with the answer outcome the answerer records), then read through the router.
 */
let t: ApiTestDatabase;
let A: SeededTenant;
let B: SeededTenant;
const DAY = 24 * 60 * 60 * 1000;
const now = Date.now();

beforeAll(async () => {
  t = await createApiTestDatabase();
  A = await seedTenant(t, 'Alpha');
  B = await seedTenant(t, 'Beta');
});
afterAll(() => t.close());

/** A conversation of one visitor question and the assistant's reply, `daysAgo` days back. */
async function conversation(
  tenant: SeededTenant,
  question: string,
  reply: MessageMetadata,
  options: { daysAgo?: number; handoff?: boolean; widgetId?: string | null } = {},
) {
  const at = new Date(now - (options.daysAgo ?? 0) * DAY);
  return t.db.withTenant(tenant.tenantId, async (tx) => {
    const [session] = await tx
      .insert(sessions)
      .values({
        tenantId: tenant.tenantId,
        widgetId: options.widgetId === undefined ? tenant.ids.widgetId : options.widgetId,
        createdAt: at,
      })
      .returning({ id: sessions.id });
    await tx.insert(messages).values([
      {
        sessionId: session!.id,
        tenantId: tenant.tenantId,
        role: 'user',
        content: question,
        timestamp: at,
      },
      {
        sessionId: session!.id,
        tenantId: tenant.tenantId,
        role: 'assistant',
        content: 'I could not find that in the documentation.',
        metadata: { status: 'complete', ...reply },
        timestamp: new Date(at.getTime() + 1000),
      },
    ]);
    if (options.handoff)
      await tx.insert(handoffs).values({
        tenantId: tenant.tenantId,
        sessionId: session!.id,
        widgetId: tenant.ids.widgetId,
        requestedAt: at,
      });
    return session!.id;
  });
}

const noSource = { answerOutcome: 'no-relevant-source' } as const;
const answered = { answerOutcome: 'answered' } as const;

describe('insights.unanswered', () => {
  let canada: string[];
  let refund: string;

  beforeAll(async () => {
    canada = [
      await conversation(A, 'How much does shipping to Canada cost?', noSource, { daysAgo: 3 }),
      await conversation(A, 'What is the shipping cost for Canada?', noSource, { daysAgo: 2 }),
      await conversation(A, 'shipping costs canada', noSource, { daysAgo: 1 }),
    ];
    // Answered, but the visitor was not happy with it: counts as unanswered.
    refund = await conversation(A, 'Can I get a refund after 60 days?', {
      ...answered,
      feedback: 'down',
    });
    // Answered and liked, outside the window, or another tenant's: none of these are listed.
    await conversation(A, 'Where is your office?', { ...answered, feedback: 'up' });
    await conversation(A, 'Do you ship to Canada at all?', noSource, { daysAgo: 40 });
    await conversation(B, 'How much does shipping to Canada cost?', noSource);
  });

  it('groups the same question asked in other words, with counts, last asked and the conversations', async () => {
    const result = await A.callers.member.insights.unanswered({ days: 30 });
    expect(result.truncated).toBe(false);
    expect(result.scanned).toBe(4);
    expect(result.groups).toHaveLength(2);
    const [first, second] = result.groups;
    expect(first).toMatchObject({
      question: 'shipping costs canada', // the newest wording
      count: 3,
      noSource: 3,
      thumbsDown: 0,
      conversations: 3,
    });
    expect(new Set(first!.sessionIds)).toEqual(new Set(canada));
    expect(first!.variants).toHaveLength(3);
    expect(Math.abs(+first!.lastAskedAt - (now - DAY))).toBeLessThan(2000);
    expect(second).toMatchObject({
      question: 'Can I get a refund after 60 days?',
      count: 1,
      thumbsDown: 1,
      sessionIds: [refund],
    });
  });

  it('narrows to the window asked for', async () => {
    const result = await A.callers.member.insights.unanswered({ days: 2 });
    // Today and yesterday: the third Canada question (a day ago) and the refund.
    expect(result.groups.map((g) => g.count).sort()).toEqual([1, 1]);
  });

  it('ignores a team member’s reply (only the assistant can fail to find a source)', async () => {
    await t.db.withTenant(A.tenantId, (tx) =>
      tx.insert(messages).values({
        sessionId: refund,
        tenantId: A.tenantId,
        role: 'assistant',
        content: 'Let me check.',
        authorId: A.users.member,
        metadata: { answerOutcome: 'no-relevant-source' },
      }),
    );
    const result = await A.callers.member.insights.unanswered({ days: 30 });
    expect(result.scanned).toBe(4);
  });
});

describe('insights.rates', () => {
  let other: { id: string };

  beforeAll(async () => {
    other = await A.callers.admin.widgets.create({
      name: 'Help centre',
      domainWhitelist: ['https://help.alpha.example'],
    });
    // Today on the other widget: 2 conversations, one handed off; 1 answered, 1 not; one 👍.
    await conversation(
      A,
      'Opening hours?',
      { ...answered, feedback: 'up' },
      {
        widgetId: other.id,
        handoff: true,
      },
    );
    await conversation(A, 'Gift cards?', noSource, { widgetId: other.id });
  });

  it('computes answer rate, handoff rate and thumbs-up share per day and per widget', async () => {
    const result = await A.callers.member.insights.rates({ days: 7, widgetId: other.id });
    expect(result.days).toHaveLength(7);
    const today = result.days.at(-1)!;
    expect(today.date).toBe(new Date(now).toISOString().slice(0, 10));
    expect(today).toMatchObject({
      conversations: 2,
      handoffConversations: 1,
      handoffRate: 0.5,
      answered: 1,
      unanswered: 1,
      answerRate: 0.5,
      thumbsUp: 1,
      thumbsDown: 0,
      thumbsUpShare: 1,
    });
    // No data is no rate, not 0 %.
    expect(result.days[0]).toMatchObject({ conversations: 0, answerRate: null, handoffRate: null });
    expect(result.widgets).toEqual([
      expect.objectContaining({ widgetId: other.id, name: 'Help centre', conversations: 2 }),
    ]);
  });

  it('over all widgets, splits per widget and sums the days', async () => {
    const result = await A.callers.member.insights.rates({ days: 7 });
    const byWidget = new Map(result.widgets.map((w) => [w.widgetId, w]));
    expect(byWidget.get(other.id)).toMatchObject({ conversations: 2, answerRate: 0.5 });
    // The seeded widget: the 3 recent Canada questions, the refund (👎) and the office (👍).
    expect(byWidget.get(A.ids.widgetId)).toMatchObject({
      unanswered: 3,
      answered: 2,
      thumbsUp: 1,
      thumbsDown: 1,
      thumbsUpShare: 0.5,
    });
    const summed = result.days.reduce((n, d) => n + d.conversations, 0);
    expect(summed).toBe(result.total.conversations);
  });

  it('does not reveal another tenant’s widget', async () => {
    const outcome = await attempt(B.callers.owner, 'insights.rates', { widgetId: other.id });
    expect(outcome).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('insights.answer', () => {
  const QUESTION = 'Do you deliver parcels to Iceland?';
  const ANSWER = 'Yes: parcels to Iceland take 6 to 9 working days and cost 19 euros.';

  it('is for admins', async () => {
    const outcome = await attempt(A.callers.member, 'insights.answer', {
      question: QUESTION,
      answer: ANSWER,
    });
    expect(outcome).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('saves the answer as a knowledge document that the assistant then answers the question from', async () => {
    const scheduled: string[] = [];
    const admin = callerFor(
      t,
      { userId: A.users.admin, sessionToken: A.sessionTokens.admin },
      { schedule: (_tenant, documentId) => void scheduled.push(documentId) },
    );
    const document = await admin.insights.answer({
      question: QUESTION,
      answer: ANSWER,
      title: 'Delivery to Iceland',
    });
    expect(document).toMatchObject({ title: 'Delivery to Iceland', category: 'faq' });
    expect(scheduled).toEqual([document.id]);
    const listed = await A.callers.member.knowledge.get({ id: document.id });
    expect(listed.content).toContain(ANSWER);

    // The ingestion worker runs, then a visitor asks the same question through the widget.
    const embedder = createLocalEmbeddingProvider();
    // Only this file's tenant: other files' documents may share the database and its queue.
    const ingested = await ingestPendingDocuments(t.db, {
      embedder,
      batchSize: 16,
      tenantIds: [A.tenantId],
    });
    expect(ingested.failed).toBe(0);
    const api = createWidgetApi({
      db: t.db,
      engine: aiChatEngine({ db: t.db, embedder }),
      env: readWidgetEnv({ NODE_ENV: 'test' }),
    });
    const call = (path: string, body: unknown, token?: string) =>
      api.handle(
        new Request(`http://localhost:3000/api/widget/${A.ids.widgetId}/${path}`, {
          method: 'POST',
          body: JSON.stringify(body),
          headers: {
            origin: 'https://alpha.example',
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        }),
      );
    const visitor = (await (await call('session', {})).json()) as SessionStartResponse;
    const events = (await (await call('chat', { content: QUESTION }, visitor.token)).text())
      .split('\n\n')
      .filter((b) => b.startsWith('data: '))
      .map((b) => JSON.parse(b.slice(6)) as ChatStreamEvent);
    const sources = events.find((e) => e.type === 'sources');
    expect(sources?.type === 'sources' && sources.sources[0]?.title).toBe('Delivery to Iceland');
    const text = events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
    expect(text).toContain('6 to 9 working days');
  });
});
