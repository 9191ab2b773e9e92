import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EMBEDDING_DIMENSIONS } from '@platform/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRagEnv } from '../env';
import { createEmbeddingProvider, createLocalEmbeddingProvider, padVector } from '.';

const cosine = (a: number[], b: number[]) => {
  let dot = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
};

describe('local embeddings (USE lite, offline)', () => {
  const local = createLocalEmbeddingProvider({ batchSize: 2 });

  it('embeds to 512 dimensions padded with zeros to the column size, similar texts closer', async () => {
    const texts = [
      'How much does shipping cost?',
      'Shipping costs 4.95 euros within the EU.',
      'The skates reach 40 km/h.',
    ];
    const { vectors, tokens } = await local.embed(texts, 'document');
    expect(local.model).toBe('local/universal-sentence-encoder-lite');
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toHaveLength(EMBEDDING_DIMENSIONS);
      expect(v.slice(512).every((x) => x === 0)).toBe(true);
      expect(v.slice(0, 512).some((x) => x !== 0)).toBe(true);
    }
    expect(tokens).toBeGreaterThan(10);
    expect(cosine(vectors[0]!, vectors[1]!)).toBeGreaterThan(cosine(vectors[0]!, vectors[2]!));
  });

  it('padding keeps cosine similarity exactly', () => {
    const a = [0.1, -0.4, 0.7];
    const b = [0.3, 0.2, -0.5];
    expect(cosine(padVector(a, 8), padVector(b, 8))).toBeCloseTo(cosine(a, b), 12);
  });
});

/** A stand-in for the OpenAI and Voyage embedding APIs on 127.0.0.1, speaking their JSON. */
describe('remote embedding adapters against a local server', () => {
  let server: Server;
  let base: string;
  interface Body {
    model: string;
    input: string[];
    dimensions?: number;
  }
  const requests: Array<{ path: string; auth: string | undefined; body: Body }> = [];
  let failNext = 0;

  beforeAll(async () => {
    server = createServer((req, res) => void answer(req, res));
    const answer = async (req: IncomingMessage, res: ServerResponse) => {
      const body = JSON.parse(await readBody(req)) as Body;
      requests.push({ path: req.url!, auth: req.headers.authorization, body });
      if (failNext > 0) {
        failNext--;
        res.writeHead(503, { 'content-type': 'application/json' });
        return res.end('{"error":{"message":"overloaded"}}');
      }
      if (req.headers.authorization !== 'Bearer good-key') {
        res.writeHead(401, { 'content-type': 'application/json' });
        return res.end('{"error":{"message":"Incorrect API key provided: good-***"}}');
      }
      const dims = req.url!.startsWith('/openai') ? body.dimensions! : 1024;
      // Reverse order: adapters must sort by index.
      const data = body.input
        .map((text, index) => ({
          object: 'embedding',
          index,
          embedding: Array.from({ length: dims }, (_, d) => (d === index ? 1 : text.length / 1000)),
        }))
        .reverse();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          req.url!.startsWith('/openai')
            ? {
                object: 'list',
                data,
                model: body.model,
                usage: {
                  prompt_tokens: 7 * body.input.length,
                  total_tokens: 7 * body.input.length,
                },
              }
            : {
                object: 'list',
                data,
                model: body.model,
                usage: { total_tokens: 5 * body.input.length },
              },
        ),
      );
    };
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('OpenAI: text-embedding-3-small at 1024 dimensions, batched, ordered, usage from the response', async () => {
    const provider = createEmbeddingProvider(
      readRagEnv({
        EMBEDDING_PROVIDER: 'openai',
        OPENAI_API_KEY: 'good-key',
        OPENAI_BASE_URL: `${base}/openai/v1`,
        EMBEDDING_BATCH_SIZE: '2',
      }),
    );
    requests.length = 0;
    const result = await provider.embed(['a', 'bb', 'ccc'], 'document');
    expect(provider.model).toBe('openai/text-embedding-3-small');
    expect(requests.map((r) => r.path)).toEqual(['/openai/v1/embeddings', '/openai/v1/embeddings']);
    expect(requests[0]!.body).toEqual({
      model: 'text-embedding-3-small',
      input: ['a', 'bb'],
      dimensions: 1024,
      encoding_format: 'float',
    });
    expect(result.tokens).toBe(21);
    expect(result.vectors.map((v) => v.length)).toEqual([1024, 1024, 1024]);
    // Sorted by index: input i has a 1 at dimension i of its batch.
    expect([result.vectors[0]![0], result.vectors[1]![1], result.vectors[2]![0]]).toEqual([
      1, 1, 1,
    ]);
  });

  it('Voyage: voyage-3 with input_type for documents and queries', async () => {
    const provider = createEmbeddingProvider(
      readRagEnv({
        EMBEDDING_PROVIDER: 'voyage',
        VOYAGE_API_KEY: 'good-key',
        VOYAGE_BASE_URL: `${base}/voyage/v1`,
      }),
    );
    requests.length = 0;
    const result = await provider.embed(['what is the warranty?'], 'query');
    expect(provider.model).toBe('voyage/voyage-3');
    expect(requests[0]!.body).toEqual({
      model: 'voyage-3',
      input: ['what is the warranty?'],
      input_type: 'query',
    });
    expect(requests[0]!.auth).toBe('Bearer good-key');
    expect(result).toMatchObject({ tokens: 5 });
    expect(result.vectors[0]).toHaveLength(1024);
  });

  it('retries an overloaded service, then reports failures without echoing the key', async () => {
    const ok = createEmbeddingProvider(
      readRagEnv({
        EMBEDDING_PROVIDER: 'openai',
        OPENAI_API_KEY: 'good-key',
        OPENAI_BASE_URL: `${base}/openai/v1`,
      }),
    );
    failNext = 1;
    await expect(ok.embed(['x'], 'query')).resolves.toMatchObject({ tokens: 7 });
    const bad = createEmbeddingProvider(
      readRagEnv({
        EMBEDDING_PROVIDER: 'openai',
        OPENAI_API_KEY: 'wrong-key',
        OPENAI_BASE_URL: `${base}/openai/v1`,
      }),
    );
    const error = await bad.embed(['x'], 'query').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'UNAVAILABLE',
      message: 'The OpenAI embedding service answered HTTP 401.',
    });
    expect(String((error as Error).message)).not.toContain('key');
  });

  it('names the missing key at startup', () => {
    expect(() => readRagEnv({ EMBEDDING_PROVIDER: 'voyage' })).toThrow(
      'EMBEDDING_PROVIDER=voyage needs VOYAGE_API_KEY.',
    );
    expect(readRagEnv({}).EMBEDDING_PROVIDER).toBe('local');
  });
});

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
