import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@platform/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAiEnv, type AiEnv } from '../env';
import { collect, embedder, openSession, seedKnowledge } from '../testing/setup';
import { streamChatTurn } from './stream-turn';
import type { ChatEvent } from './types';

/**
 * A tiny OpenAI-compatible server on 127.0.0.1 streaming chat.completion.chunk events over SSE,
 * so the real provider adapter (@ai-sdk/openai-compatible) runs end to end.
 */
type Mode = 'answer' | 'cut' | 'unauthorized' | 'stall';
let mode: Mode = 'answer';
const requests: Array<Record<string, unknown>> = [];
let server: Server;
let env: AiEnv;
let t: TestDatabase;
let tenantId: string;
let widgetId: string;

const chunk = (
  delta: Record<string, unknown>,
  finish: string | null = null,
  usage?: Record<string, number>,
) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_763_900_000,
    model: 'gpt-4o-mini',
    choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }],
    ...(usage ? { usage } : {}),
  })}\n\n`;

async function handle(req: IncomingMessage, res: ServerResponse) {
  let body = '';
  for await (const part of req) body += String(part);
  requests.push(JSON.parse(body) as Record<string, unknown>);
  if (mode === 'unauthorized') {
    res.writeHead(401, { 'content-type': 'application/json' });
    return res.end(
      JSON.stringify({
        error: { message: 'Incorrect API key provided.', type: 'invalid_request_error' },
      }),
    );
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.write(chunk({ role: 'assistant', content: '' }));
  for (const word of ['Express ', 'shipping ', 'costs ', '12.50 euros ', '[1].']) {
    if (mode === 'cut' && word === 'costs ') {
      // Die mid-answer: no finish_reason, no [DONE], the socket just closes.
      res.socket?.destroy();
      return;
    }
    res.write(chunk({ content: word }));
    await new Promise((r) => setTimeout(r, 5));
  }
  if (mode === 'stall') return; // never finishes: the turn's deadline must end it
  res.write(chunk({}, 'stop'));
  res.write(chunk({}, null, { prompt_tokens: 900, completion_tokens: 9, total_tokens: 909 }));
  res.end('data: [DONE]\n\n');
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  env = readAiEnv({
    LLM_PROVIDER: 'openai-compatible',
    OPENAI_COMPATIBLE_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    OPENAI_COMPATIBLE_API_KEY: 'local-test-key',
    OPENAI_COMPATIBLE_CHAT_MODEL: 'gpt-4o-mini',
    // It speaks for gpt-4o-mini: price it as OpenAI's.
    OPENAI_COMPATIBLE_PROVIDER_NAME: 'openai',
    LLM_TIMEOUT_MS: '1500',
  });
  t = await createTestDatabase();
  ({ tenantId, widgetId } = await seedKnowledge(t.db));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

const run = async (content: string) => {
  const sessionId = await openSession(t.db, tenantId, widgetId);
  const events = await collect(
    streamChatTurn({ db: t.db, embedder, env }, { tenantId, sessionId, content }),
  );
  const messages = await t.raw(
    'select role, content, metadata from messages where session_id = $1 order by timestamp',
    [sessionId],
  );
  const costs = await t.raw(
    'select service, provider, tokens_used, cost_usd, metadata from cost_events where session_id = $1 order by service',
    [sessionId],
  );
  return {
    sessionId,
    events,
    messages,
    costs,
    text: events.flatMap((e) => (e.type === 'delta' ? [e.text] : [])).join(''),
  };
};

describe('a turn against a local OpenAI-compatible streaming server', () => {
  it('streams the answer and stores it with the provider-reported usage and its price', async () => {
    mode = 'answer';
    requests.length = 0;
    const { events, messages, costs, text } = await run('How much is express shipping?');
    expect(text).toBe('Express shipping costs 12.50 euros [1].');
    expect(events.at(-1)).toMatchObject({
      type: 'done',
      model: 'gpt-4o-mini',
      usage: { inputTokens: 900, outputTokens: 9, totalTokens: 909 },
      // 900 x $0.15/M + 9 x $0.60/M = $0.0001404 -> $0.000140 (plus $0 for the local embedding).
      costUsd: '0.000140',
    });
    const request = requests[0]!;
    expect(request).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.7,
      max_tokens: 800,
    });
    const sent = request.messages as Array<{ role: string; content: string }>;
    expect(sent[0]!.role).toBe('system');
    expect(sent[0]!.content).toContain('Express shipping delivers the next working day');
    expect(sent.at(-1)).toEqual({ role: 'user', content: 'How much is express shipping?' });

    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(messages[1]).toMatchObject({
      content: text,
      metadata: { status: 'complete', model: 'gpt-4o-mini', inputTokens: 900, outputTokens: 9 },
    });
    const sources = (messages[1]!.metadata as { sources: Array<{ title: string }> }).sources;
    expect(sources.map((s) => s.title)).toContain('Shipping policy');
    expect(costs).toEqual([
      expect.objectContaining({
        service: 'embedding',
        provider: 'local-use',
        cost_usd: '0.000000',
      }),
      expect.objectContaining({
        service: 'llm',
        provider: 'openai',
        tokens_used: 909,
        cost_usd: '0.000140',
      }),
    ]);
  });

  it('a connection cut mid-stream leaves the question stored and a failed answer with a readable reason', async () => {
    mode = 'cut';
    const { events, messages, costs } = await run('How much is express shipping?');
    const failure = events.at(-1) as Extract<ChatEvent, { type: 'error' }>;
    expect(failure).toMatchObject({ type: 'error', code: 'model_failed' });
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'How much is express shipping?'],
      ['assistant', 'Express shipping '],
    ]);
    const metadata = messages[1]!.metadata as { status: string; failureReason: string };
    expect(metadata.status).toBe('failed');
    expect(metadata.failureReason).toMatch(/^The openai model's answer was cut off mid-stream/);
    expect(costs.find((c) => c.service === 'llm')!.metadata).toMatchObject({
      estimated: true,
      failed: true,
    });
  });

  it('a stalled stream ends at the deadline as a timeout', async () => {
    mode = 'stall';
    const { events, messages } = await run('How much is express shipping?');
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      code: 'timeout',
      reason: 'The answer took too long. Please try again.',
    });
    expect(messages[1]).toMatchObject({
      content: 'Express shipping costs 12.50 euros [1].',
      metadata: { status: 'failed', failureReason: 'No complete answer within 1.5 s.' },
    });
  });

  it('an authentication error is stored with its status', async () => {
    mode = 'unauthorized';
    const { events, messages } = await run('Hello?');
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'model_failed' });
    expect((messages[1]!.metadata as { failureReason: string }).failureReason).toMatch(
      /^The openai model call failed: HTTP 401 /,
    );
  });
});
