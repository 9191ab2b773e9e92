import { describe, expect, it } from 'vitest';
import { groupQuestions, questionTerms, stem } from './grouping';

/**
 * Hand-made paraphrase sets: each inner list asks one thing in different words. Some sets share
 * words on purpose (two about shipping, two about the account) so merging them would be wrong.
 */
export const PARAPHRASE_SETS: string[][] = [
  [
    'How much does shipping to Canada cost?',
    'What is the shipping cost for Canada?',
    'shipping costs canada',
    'How expensive is it to ship an order to Canada?',
  ],
  [
    'How long does shipping take?',
    'How many days until my order is shipped?',
    'When will my order ship?',
  ],
  ['Can I pay with PayPal?', 'Do you accept PayPal payments?', 'paypal payment possible?'],
  [
    'How do I delete my account?',
    'I want to delete my account',
    'Please delete my account and data',
  ],
  [
    'How do I reset my account password?',
    'I forgot my password, how can I reset it?',
    'password reset not working',
  ],
  ['Do you have a store in Berlin?', 'Is there a shop in Berlin?', 'Berlin store opening hours'],
  ['Is the jacket waterproof?', 'Does the jacket keep out rain?'],
];

/** Pairwise precision and recall of a grouping against the sets (the usual clustering measure). */
export function pairwiseQuality(sets: string[][]) {
  const items = sets.flatMap((set, topic) => set.map((question) => ({ question, topic })));
  const groups = groupQuestions(items);
  const groupOf = new Map(groups.flatMap((g, i) => g.map((item) => [item, i] as const)));
  let truePairs = 0;
  let predicted = 0;
  let actual = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const same = items[i]!.topic === items[j]!.topic;
      const together = groupOf.get(items[i]!) === groupOf.get(items[j]!);
      if (same) actual += 1;
      if (together) predicted += 1;
      if (same && together) truePairs += 1;
    }
  }
  const precision = predicted === 0 ? 1 : truePairs / predicted;
  const recall = actual === 0 ? 1 : truePairs / actual;
  return { precision, recall, groups: groups.length, topics: sets.length, questions: items.length };
}

describe('grouping visitor questions', () => {
  it('stems the usual inflections to one term', () => {
    expect(new Set(['shipping', 'shipped', 'ships', 'ship'].map(stem)).size).toBe(1);
    expect(questionTerms('How much does shipping to Canada cost?')).toEqual(
      new Set(['ship', 'canada', 'cost']),
    );
  });

  it('puts paraphrases together and keeps different questions apart', () => {
    const quality = pairwiseQuality(PARAPHRASE_SETS);
    console.log(
      `insights grouping: ${quality.questions} questions, ${quality.topics} topics -> ${quality.groups} groups; pairwise precision ${quality.precision.toFixed(2)}, recall ${quality.recall.toFixed(2)}`,
    );
    // Merging different questions hides one of them: precision matters most.
    expect(quality.precision).toBeGreaterThanOrEqual(0.9);
    expect(quality.recall).toBeGreaterThanOrEqual(0.5);
  });

  it('groups identical questions even without content words, and nothing else with them', () => {
    const groups = groupQuestions([
      { question: 'Hello?' },
      { question: 'hello?' },
      { question: 'Refund for my order' },
    ]);
    expect(groups.map((g) => g.length)).toEqual([2, 1]);
  });
});
