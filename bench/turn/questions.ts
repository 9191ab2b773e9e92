const asks = [
  'How much does shipping to {x} cost?',
  'How long does delivery to {x} take?',
  'Can I return {y} if it does not fit?',
  'Is there a warranty on {y}?',
  'Do you ship {y} to {x}?',
  'How do I get a refund for {y}?',
  'Can I pay for {y} with PayPal?',
  'When can I call support about {y}?',
];
const places = [
  'Germany',
  'Belgium',
  'Norway',
  'Switzerland',
  'the Netherlands',
  'the United Kingdom',
  'France',
  'Spain',
  'Italy',
  'Austria',
];
const things = [
  'my skates',
  'the X2',
  'a spare battery',
  'the charger',
  'a gift card',
  'knee pads',
  'a helmet',
  'my order',
];

/**
 * Distinct visitor questions about the demo shop (640 of them), so each turn embeds a question
 * the query-embedding cache has not seen: the figures are for cache misses.
 */
export function* questions(): Generator<string> {
  for (let round = 0; ; round++) {
    for (const thing of things)
      for (const place of places)
        for (const ask of asks) {
          const text = ask.replace('{x}', place).replace('{y}', thing);
          yield round === 0 ? text : `${text} (${round})`;
        }
  }
}
