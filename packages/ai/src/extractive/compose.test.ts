import { describe, expect, it } from 'vitest';
import { composeExtractiveAnswer, GREETING, NO_ANSWER, terms, type Passage } from './compose';

const passages: Passage[] = [
  {
    index: 1,
    title: 'Shipping policy',
    content:
      '# Shipping policy\n\nStandard shipping within the European Union takes 2 to 4 working days and costs 4.95 euros. Orders above 50 euros ship for free.\n\nWe ship to the United Kingdom, Switzerland and Norway in 4 to 7 working days; customs duties are paid by the recipient.',
  },
  {
    index: 2,
    title: 'Returns and refunds',
    content:
      'You can return any product within 30 days of delivery, for any reason. Refunds are paid within 5 working days.',
  },
];

describe('composeExtractiveAnswer', () => {
  it('quotes the sentences that answer, verbatim, with their citation numbers', () => {
    const answer = composeExtractiveAnswer('How much does shipping cost?', passages);
    expect(answer).toContain(
      '> Standard shipping within the European Union takes 2 to 4 working days and costs 4.95 euros. [1]',
    );
    expect(answer).not.toContain('[2]');
    expect(answer).toMatch(/not written by a language model/);
  });

  it('cites each passage it quotes from', () => {
    const answer = composeExtractiveAnswer('Do you ship to Norway, and can I return it?', passages);
    expect(answer).toContain(
      'Norway in 4 to 7 working days; customs duties are paid by the recipient. [1]',
    );
    expect(answer).toContain(
      'You can return any product within 30 days of delivery, for any reason. [2]',
    );
  });

  it('says plainly when the knowledge base has no answer', () => {
    expect(composeExtractiveAnswer('What is the capital of France?', passages)).toBe(NO_ANSWER);
    expect(composeExtractiveAnswer('How much does shipping cost?', [])).toBe(NO_ANSWER);
    // One common word in common is not an answer.
    expect(composeExtractiveAnswer('Which euros coin is the rarest collectible?', passages)).toBe(
      NO_ANSWER,
    );
  });

  it('greets back instead of quoting', () => {
    expect(composeExtractiveAnswer('Hello!', passages)).toBe(GREETING);
  });

  it('matches word forms', () => {
    expect(terms('Shipping ships shipped')).toEqual(['ship', 'ship', 'ship']);
    expect(terms('What does E-4107 mean?')).toEqual(['e-4107', 'mean']);
  });
});
