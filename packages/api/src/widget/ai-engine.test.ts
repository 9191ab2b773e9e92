import { seedDemo } from '@platform/db';
import { createTestDatabase, uniqueDemo } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { createLocalEmbeddingProvider, ingestPendingDocuments } from '@platform/rag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiChatEngine } from './ai-engine';
import { createWidgetApi } from './api';
import { readWidgetEnv } from './env';
import type { ChatStreamEvent, SessionStartResponse, TranscriptResponse } from './protocol';

/**
 * The widget API with the real chat engine (@platform/ai, offline extractive model, local
 * embeddings) on the seeded demo tenant, its knowledge ingested: what a visitor of the demo
 * widget gets, end to end below the browser.
 */
const HOST = 'http://localhost:4100';
const APP = 'http://localhost:3000';
let test: TestDatabase;
let api: ReturnType<typeof createWidgetApi>;
let widgetId: string;

beforeAll(async () => {
  test = await createTestDatabase();
  // The demo content under this file's own tenant and widget (the database may be shared).
  const seed = await seedDemo(test.db, uniqueDemo());
  widgetId = seed.widgetId;
  const embedder = createLocalEmbeddingProvider();
  const ingested = await ingestPendingDocuments(test.db, {
    embedder,
    batchSize: 16,
    tenantIds: [seed.tenantId],
  });
  expect(ingested.failed).toBe(0);
  api = createWidgetApi({
    db: test.db,
    engine: aiChatEngine({ db: test.db, embedder }),
    env: readWidgetEnv({ NODE_ENV: 'test' }),
  });
});
afterAll(async () => {
  await test.close();
});

const call = (path: string, init: RequestInit & { origin?: string } = {}) =>
  api.handle(
    new Request(`${APP}/api/widget/${widgetId}/${path}`, {
      ...init,
      headers: {
        origin: init.origin ?? APP,
        'content-type': 'application/json',
        ...(init.headers as Record<string, string>),
      },
    }),
  );

describe('the demo widget with the real chat engine', () => {
  it('streams an answer quoted from the seeded knowledge, with its sources, and keeps it in the transcript', async () => {
    const session = (await (
      await call('session', { method: 'POST', body: '{}', origin: HOST })
    ).json()) as SessionStartResponse;
    const auth = { authorization: `Bearer ${session.token}` };
    const response = await call('chat', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ content: 'How much does express shipping cost?' }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = (await response.text())
      .split('\n\n')
      .filter((b) => b.startsWith('data: '))
      .map((b) => JSON.parse(b.slice(6)) as ChatStreamEvent);
    expect(events[0]?.type).toBe('user-message');
    const sources = events.find((e) => e.type === 'sources');
    expect(sources?.type === 'sources' && sources.sources.map((s) => s.title)).toContain(
      'Shipping policy',
    );
    const deltas = events.filter((e) => e.type === 'delta');
    expect(deltas.length).toBeGreaterThan(1);
    const text = deltas.map((e) => (e.type === 'delta' ? e.text : '')).join('');
    expect(text).toContain('12.50 euros');
    expect(events.at(-1)?.type).toBe('done');

    const transcript = (await (
      await call('messages', { headers: auth })
    ).json()) as TranscriptResponse;
    expect(transcript.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(transcript.messages[1]!.content).toBe(text);
    // The visitor rates the answer; a reload shows the rating.
    const rated = await call('feedback', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ messageId: transcript.messages[1]!.id, value: 'up' }),
    });
    expect(rated.status).toBe(200);
    const again = (await (await call('messages', { headers: auth })).json()) as TranscriptResponse;
    expect(again.messages[1]!.feedback).toBe('up');
    expect(transcript.messages[1]!.sources.map((s) => s.title)).toContain('Shipping policy');
    const [row] = await test.raw(
      `select widget_id, metadata->>'origin' as origin from sessions where id = $1`,
      [session.sessionId],
    );
    expect(row).toEqual({ widget_id: widgetId, origin: HOST });
  });

  it('stops the engine when the visitor leaves mid-answer, and the answer is stored as interrupted', async () => {
    const session = (await (
      await call('session', { method: 'POST', body: '{}', origin: HOST })
    ).json()) as SessionStartResponse;
    const response = await call('chat', {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ content: 'What are the support hours?' }),
    });
    const reader = response.body!.getReader();
    // The answer starts streaming...
    // Check `done`: a reply that ends without a delta would otherwise loop on resolved reads,
    // starving the event loop so that not even the test timeout can fire.
    let seen = '';
    while (!seen.includes('"delta"')) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`the answer ended before any delta was streamed: ${seen}`);
      seen += new TextDecoder().decode(value);
    }
    await reader.cancel(); // ...and the visitor closes the tab
    await expect
      .poll(async () => {
        const rows = await test.raw(
          `select role, metadata->>'status' as status from messages where session_id = $1 order by timestamp`,
          [session.sessionId],
        );
        return rows.map((r) => `${String(r.role)}:${String(r.status)}`);
      })
      .toEqual(['user:null', 'assistant:failed']);
  });

  it('offers a person with an answer that found nothing relevant, not with one that did', async () => {
    const session = (await (
      await call('session', { method: 'POST', body: '{}', origin: HOST })
    ).json()) as SessionStartResponse;
    const ask = async (content: string) =>
      (
        await (
          await call('chat', {
            method: 'POST',
            headers: { authorization: `Bearer ${session.token}` },
            body: JSON.stringify({ content }),
          })
        ).text()
      )
        .split('\n\n')
        .filter((b) => b.startsWith('data: '))
        .map((b) => JSON.parse(b.slice(6)) as ChatStreamEvent);
    const answered = await ask('How much does express shipping cost?');
    expect(answered.at(-1)).toEqual({ type: 'done', id: expect.any(String) });
    // Search returns its best passages, but none is near this question in meaning.
    const unanswered = await ask('Which vaccines does my parrot need before flying to Peru?');
    expect(unanswered.at(-1)).toMatchObject({ type: 'done', offerPerson: true });
    const [stored] = await test.raw(
      `select metadata->>'answerOutcome' as outcome from messages
        where session_id = $1 and role = 'assistant' order by timestamp desc limit 1`,
      [session.sessionId],
    );
    expect(stored).toEqual({ outcome: 'no-relevant-source' });
  });
});
