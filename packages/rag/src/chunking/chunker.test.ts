import { AppError } from '@platform/errors';
import { describe, expect, it } from 'vitest';
import { chunkText } from './chunker';
import { countTokens } from './tokens';

const sentence = (i: number) =>
  `Sentence number ${i} explains one small fact about rocket skates and shipping.`;
const paragraph = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => sentence(from + i)).join(' ');

describe('chunkText', () => {
  it('returns nothing for blank text and one chunk for short text', () => {
    expect(chunkText('  \n\n ', { chunkSize: 100, overlap: 10 })).toEqual([]);
    const [only, ...rest] = chunkText('Hello there.\n\nSecond paragraph.', {
      chunkSize: 100,
      overlap: 10,
    });
    expect(rest).toEqual([]);
    expect(only).toEqual({
      content: 'Hello there.\n\nSecond paragraph.',
      tokenCount: countTokens('Hello there.\n\nSecond paragraph.'),
      position: 0,
    });
  });

  it('keeps every chunk within the token budget and ends chunks at sentence boundaries', () => {
    const text = [paragraph(0, 30), paragraph(30, 25), paragraph(55, 40)].join('\n\n');
    const chunks = chunkText(text, { chunkSize: 120, overlap: 0 });
    expect(chunks.length).toBeGreaterThan(5);
    chunks.forEach((chunk, i) => {
      expect(chunk.position).toBe(i);
      expect(chunk.tokenCount).toBe(countTokens(chunk.content));
      expect(chunk.tokenCount).toBeLessThanOrEqual(120);
      expect(chunk.content).toMatch(/^Sentence number \d+ /);
      expect(chunk.content).toMatch(/shipping\.$/);
    });
    // Without overlap, every sentence appears exactly once, in order.
    const seen = chunks.flatMap((c) =>
      [...c.content.matchAll(/Sentence number (\d+)/g)].map((m) => Number(m[1])),
    );
    expect(seen).toEqual(Array.from({ length: 95 }, (_, i) => i));
  });

  it('repeats whole trailing sentences, up to the overlap, at the start of the next chunk', () => {
    const text = paragraph(0, 60);
    const overlap = 40;
    const chunks = chunkText(text, { chunkSize: 150, overlap });
    expect(chunks.length).toBeGreaterThan(3);
    for (let i = 1; i < chunks.length; i++) {
      const previous = chunks[i - 1]!.content;
      const first = /^(Sentence number \d+ [^.]*\.)/.exec(chunks[i]!.content)![1]!;
      // The next chunk starts inside the previous one (overlap), not after it.
      expect(previous).toContain(first);
      const repeated = previous.slice(previous.indexOf(first));
      expect(chunks[i]!.content.startsWith(repeated)).toBe(true);
      expect(countTokens(repeated)).toBeLessThanOrEqual(overlap);
      expect(chunks[i]!.tokenCount).toBeLessThanOrEqual(150);
    }
    // Nothing is lost: the last sentence is in the last chunk.
    expect(chunks.at(-1)!.content).toContain('Sentence number 59 ');
  });

  it('ends chunks at paragraph boundaries when a paragraph would not fit', () => {
    // Paragraphs of 60 tokens with a 100-token budget: two never fit together.
    const paragraphs = Array.from({ length: 5 }, (_, i) => paragraph(i * 4, 4));
    expect(countTokens(paragraphs[0]!)).toBe(60);
    const chunks = chunkText(paragraphs.join('\n\n'), { chunkSize: 100, overlap: 0 });
    expect(chunks.map((c) => c.content)).toEqual(paragraphs);
  });

  it('cuts a sentence longer than a chunk between words, losing nothing', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    const chunks = chunkText(words.join(' '), { chunkSize: 64, overlap: 0 });
    expect(chunks.length).toBeGreaterThan(5);
    chunks.forEach((c) => expect(c.tokenCount).toBeLessThanOrEqual(64));
    expect(
      chunks
        .map((c) => c.content)
        .join(' ')
        .split(' '),
    ).toEqual(words);
  });

  it('keeps list items and headings on their own lines', () => {
    const text = '# Returns\n- Unused products\n- Original packaging\n\nRefunds take five days.';
    expect(chunkText(text, { chunkSize: 200, overlap: 20 })[0]!.content).toBe(text);
  });

  it('rejects a budget it cannot honour', () => {
    expect(() => chunkText('x', { chunkSize: 100, overlap: 60 })).toThrow(AppError);
    expect(() => chunkText('x', { chunkSize: 4, overlap: 0 })).toThrow(/at least 16/);
  });
});
