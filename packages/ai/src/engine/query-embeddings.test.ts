import { fixedEmbedder } from '@platform/rag/testing';
import { describe, expect, it } from 'vitest';
import { cachingQueryEmbeddings } from './query-embeddings';

function counting(model: string) {
  const calls: string[][] = [];
  const inner = fixedEmbedder((text) => [text.length, 1], model);
  const embed = inner.embed.bind(inner);
  inner.embed = async (texts, purpose) => {
    calls.push(texts);
    return embed(texts, purpose);
  };
  return { inner, calls };
}

describe('cachingQueryEmbeddings', () => {
  it('embeds a repeated question once, and bills only the call that was made', async () => {
    const { inner, calls } = counting('openai/text-embedding-3-small');
    const cached = cachingQueryEmbeddings(inner);
    const first = await cached.embed(['Where is my parcel? (cache test 1)'], 'query');
    const again = await cached.embed(['Where is my parcel? (cache test 1)'], 'query');
    expect(calls).toHaveLength(1);
    expect(again.vectors).toEqual(first.vectors);
    expect(first.tokens).toBeGreaterThan(0);
    expect(again.tokens).toBe(0);
  });

  it('keeps models apart and never caches documents', async () => {
    const a = counting('openai/text-embedding-3-small');
    const b = counting('voyage/voyage-3');
    await cachingQueryEmbeddings(a.inner).embed(['Same words (cache test 2)'], 'query');
    await cachingQueryEmbeddings(b.inner).embed(['Same words (cache test 2)'], 'query');
    expect([a.calls.length, b.calls.length]).toEqual([1, 1]);
    const documents = cachingQueryEmbeddings(a.inner);
    await documents.embed(['A chunk (cache test 2)'], 'document');
    await documents.embed(['A chunk (cache test 2)'], 'document');
    expect(a.calls).toHaveLength(3);
  });

  it('treats case and spacing variants of a question as the same question', async () => {
    const { inner, calls } = counting('openai/text-embedding-3-small');
    const cached = cachingQueryEmbeddings(inner);
    const first = await cached.embed(['Where is my parcel? (cache test 3)'], 'query');
    const variant = await cached.embed(['  where IS my\tparcel?  (cache test 3) '], 'query');
    await cached.embed(['Where is my parcel now? (cache test 3)'], 'query');
    expect(calls).toHaveLength(2);
    expect(variant.vectors).toEqual(first.vectors);
  });
});
