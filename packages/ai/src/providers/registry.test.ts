import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAiEnv } from '../env';
import { resolveChatModel } from './registry';

/** Speaks just enough of OpenAI's and Anthropic's streaming APIs to check the adapters' wiring. */
let server: Server;
let base: string;
const seen: Array<{
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}> = [];

const sse = (res: ServerResponse, events: Array<[string | null, unknown]>) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const [event, data] of events)
    res.write(
      `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
    );
  res.end();
};

async function handle(req: IncomingMessage, res: ServerResponse) {
  let raw = '';
  for await (const part of req) raw += String(part);
  const body = JSON.parse(raw) as Record<string, unknown>;
  seen.push({ path: req.url!, headers: req.headers, body });
  if (req.url === '/openai/v1/chat/completions') {
    const chunk = (delta: object, finish: string | null) => ({
      id: 'c1',
      object: 'chat.completion.chunk',
      created: 1,
      model: body.model,
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    return sse(res, [
      [null, chunk({ role: 'assistant', content: 'Hello from ' }, null)],
      [null, chunk({ content: 'OpenAI.' }, 'stop')],
      [
        null,
        {
          id: 'c1',
          object: 'chat.completion.chunk',
          created: 1,
          model: body.model,
          choices: [],
          usage: { prompt_tokens: 11, completion_tokens: 4, total_tokens: 15 },
        },
      ],
      [null, '[DONE]'],
    ]);
  }
  if (req.url === '/anthropic/v1/messages') {
    return sse(res, [
      [
        'message_start',
        {
          type: 'message_start',
          message: {
            id: 'm1',
            type: 'message',
            role: 'assistant',
            model: body.model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: 12, output_tokens: 1 },
          },
        },
      ],
      [
        'content_block_start',
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      ],
      [
        'content_block_delta',
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'text_delta', text: 'Hello from Claude.' },
        },
      ],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
      [
        'message_delta',
        {
          type: 'message_delta',
          delta: { stop_reason: 'end_turn', stop_sequence: null },
          usage: { output_tokens: 5 },
        },
      ],
      ['message_stop', { type: 'message_stop' }],
    ]);
  }
  res.writeHead(404).end();
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function run(env: Record<string, string>, preferred?: string) {
  const chat = resolveChatModel(preferred, readAiEnv(env));
  const result = streamText({ model: chat.model, prompt: 'Say hello', maxRetries: 0 });
  return { chat, text: await result.text, usage: await result.usage };
}

describe('resolveChatModel', () => {
  it('defaults to the offline extractive answerer', () => {
    expect(resolveChatModel(null, readAiEnv({}))).toMatchObject({
      provider: 'extractive',
      modelId: 'extractive-v1',
      generative: false,
    });
    // Preferences do not turn it into something else.
    expect(resolveChatModel('gpt-4o', readAiEnv({})).modelId).toBe('extractive-v1');
  });

  it('OpenAI: key, base URL and model from env; the personality can prefer another model', async () => {
    const env = {
      LLM_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${base}/openai/v1`,
    };
    const { chat, text, usage } = await run(env);
    expect(chat).toMatchObject({ provider: 'openai', modelId: 'gpt-4o-mini', generative: true });
    expect(text).toBe('Hello from OpenAI.');
    expect(usage).toMatchObject({ inputTokens: 11, outputTokens: 4 });
    expect(seen.at(-1)).toMatchObject({
      headers: { authorization: 'Bearer sk-test' },
      body: { model: 'gpt-4o-mini', stream: true },
    });
    const preferred = await run(env, 'gpt-4o');
    expect(preferred.chat.modelId).toBe('gpt-4o');
    expect(seen.at(-1)!.body.model).toBe('gpt-4o');
  });

  it('Anthropic: key header, base URL and model from env', async () => {
    const { chat, text, usage } = await run({
      LLM_PROVIDER: 'anthropic',
      ANTHROPIC_API_KEY: 'ak-test',
      ANTHROPIC_BASE_URL: `${base}/anthropic/v1`,
    });
    expect(chat).toMatchObject({ provider: 'anthropic', modelId: 'claude-haiku-4-5' });
    expect(text).toBe('Hello from Claude.');
    expect(usage).toMatchObject({ inputTokens: 12, outputTokens: 5 });
    expect(seen.at(-1)).toMatchObject({
      path: '/anthropic/v1/messages',
      headers: { 'x-api-key': 'ak-test' },
      body: { model: 'claude-haiku-4-5', stream: true },
    });
  });

  it('names what is missing at startup', () => {
    expect(() => readAiEnv({ LLM_PROVIDER: 'openai' })).toThrow(
      'LLM_PROVIDER=openai needs OPENAI_API_KEY.',
    );
    expect(() => readAiEnv({ LLM_PROVIDER: 'anthropic' })).toThrow('needs ANTHROPIC_API_KEY');
    expect(() =>
      readAiEnv({ LLM_PROVIDER: 'openai-compatible', OPENAI_COMPATIBLE_BASE_URL: base }),
    ).toThrow(
      'LLM_PROVIDER=openai-compatible needs OPENAI_COMPATIBLE_BASE_URL and OPENAI_COMPATIBLE_CHAT_MODEL.',
    );
    expect(() => readAiEnv({ LLM_PROVIDER: 'gemini' })).toThrow(
      /Invalid chat settings: LLM_PROVIDER/,
    );
  });
});
