import { demoDocuments } from '@platform/db';
import { describe, expect, it } from 'vitest';
import { scoreEvidence, type Passage } from './evidence';
import { judgeEvidence, RELEVANCE_THRESHOLD } from './outcome';
import { questionTerms, terms } from './terms';

// In the order the demo's retrieval returns them for the skates question: the guide first.
const byTitle = (title: string) => demoDocuments.find((d) => d.title === title)!;
const passages: Passage[] = [
  'Rocket Skates X2 product guide',
  'Returns and refunds',
  'Shipping policy',
  'Support hours and contact',
].map((title, i) => ({ index: i + 1, title, content: byTitle(title).content }));

describe('scoreEvidence', () => {
  it('ranks the sentence that answers above sentences sharing a passing word', () => {
    const { sentences } = scoreEvidence("Can I return my skates if they don't fit?", passages);
    expect(sentences[0]!.text).toBe(
      'You can return any product within 30 days of delivery, for any reason.',
    );
    // "fits" and "skate" are in the weight sentence: it counts, below the returns policy.
    expect(sentences.map((s) => s.text)).toContain(
      'The X2 weighs 3.2 kg per skate and fits shoe sizes 38 to 47.',
    );
  });

  it('prefers the sentence covering more of the question', () => {
    const { sentences } = scoreEvidence('How much does express shipping cost?', passages);
    expect(sentences[0]!.text).toMatch(/^Express shipping delivers the next working day/);
    expect(sentences[0]!.coverage).toBeGreaterThan(sentences[1]!.coverage);
  });

  it('measures relevance as the share of the question the best passage contains', () => {
    expect(scoreEvidence('Do you ship to Norway?', passages).relevance).toBe(1);
    expect(scoreEvidence('What is the capital of France?', passages).relevance).toBe(0);
  });
});

describe('judgeEvidence', () => {
  it('answers when a passage is about the question', () => {
    expect(judgeEvidence('How long does a full charge take?', passages).outcome).toBe('answered');
  });

  it('finds no relevant source when the passages share no or only a stray word', () => {
    expect(judgeEvidence('What is the capital of France?', passages).outcome).toBe(
      'no-relevant-source',
    );
    const stray = judgeEvidence('Which euros coin is the rarest collectible?', passages);
    expect(stray.evidence.relevance).toBeGreaterThan(0);
    expect(stray.evidence.relevance).toBeLessThan(RELEVANCE_THRESHOLD);
    expect(stray.outcome).toBe('no-relevant-source');
    expect(judgeEvidence('How much does shipping cost?', []).outcome).toBe('no-relevant-source');
  });

  it('tells greetings and questions without a word to look for apart from unanswered ones', () => {
    expect(judgeEvidence('Hello!', passages).outcome).toBe('not-a-question');
    expect(judgeEvidence('What is it?', passages).outcome).toBe('not-a-question');
    expect(judgeEvidence('?!', passages).outcome).toBe('not-a-question');
  });
});

describe('terms', () => {
  it("stems like Postgres' english configuration (Porter2)", () => {
    expect(terms('Policies shipping skates generalization')).toEqual([
      'polici',
      'ship',
      'skate',
      'general',
    ]);
  });

  it('weighs a condition less and marks the asked-for action', () => {
    expect(Object.fromEntries(questionTerms("Can I return my skates if they don't fit?"))).toEqual({
      return: { weight: 1, head: true },
      skate: { weight: 1, head: false },
      fit: { weight: 0.3, head: false },
    });
  });
});
