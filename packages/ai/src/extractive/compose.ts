import type { Passage, ScoredSentence } from './evidence';
import { isGreeting, judgeEvidence } from './outcome';

export type { Passage } from './evidence';
export { terms } from './terms';

export const NO_ANSWER =
  "I couldn't find an answer to that in the knowledge base. Try asking in other words, or ask about another topic.";
export const GREETING = 'Hello! Ask me a question and I will answer from the knowledge base.';
const INTRO = 'Here is what the knowledge base says:';
const DISCLOSURE =
  '(Quoted from the knowledge base by the extractive answerer, not written by a language model.)';

/**
 * Answers by quoting: the best-scoring sentence of the passages first (see scoreEvidence), then
 * sentences that add question terms the earlier quotes lack. Nothing is generated, so nothing is
 * invented; when no passage is relevant to the question (judgeEvidence), it says so plainly.
 */
export function composeExtractiveAnswer(
  question: string,
  passages: Passage[],
  maxQuotes = 3,
): string {
  if (isGreeting(question)) return GREETING;
  const { outcome, evidence } = judgeEvidence(question, passages);
  if (outcome !== 'answered') return NO_ANSWER;
  const quotes = pickQuotes(evidence.sentences, evidence.weight, maxQuotes);
  return [INTRO, ...quotes.map((s) => `> ${s.text} [${s.passage.index}]`), DISCLOSURE].join('\n\n');
}

/** The best sentence first, then greedy cover: each later quote must add terms not yet quoted. */
function pickQuotes(
  ranked: ScoredSentence[],
  weight: (term: string) => number,
  maxQuotes: number,
): ScoredSentence[] {
  const chosen = ranked.slice(0, 1);
  const covered = new Set(chosen.flatMap((s) => [...s.matched]));
  while (chosen.length < maxQuotes) {
    let best: { sentence: ScoredSentence; gain: number } | undefined;
    for (const sentence of ranked) {
      if (chosen.includes(sentence)) continue;
      const gain = [...sentence.matched]
        .filter((t) => !covered.has(t))
        .reduce((sum, t) => sum + weight(t), 0);
      // `ranked` is best first: on equal gain the better-scored sentence stays.
      if (gain > 0 && (!best || gain > best.gain)) best = { sentence, gain };
    }
    if (!best) break;
    chosen.push(best.sentence);
    best.sentence.matched.forEach((t) => covered.add(t));
  }
  return chosen;
}
