import { scoreEvidence, type Evidence, type Passage } from './evidence';

/**
 * What a turn's retrieval gave the answer, recorded with the turn so unanswered questions can be
 * listed: `answered` (relevant passages were found), `no-relevant-source` (nothing retrieved is
 * about the question: the answerer says so), `not-a-question` (a greeting, or no word to look for).
 */
export type AnswerOutcome = 'answered' | 'no-relevant-source' | 'not-a-question';

/**
 * The least share of the question (IDF-weighted terms) one retrieved passage must contain to be
 * relevant. Measured on the SciFact dev set (`pnpm bench answers`): questions asked against the
 * corpus with and without their relevant abstracts, and off-topic questions.
 */
export const RELEVANCE_THRESHOLD = 0.25;

const GREETINGS = /^(hi|hello|hey|good (morning|afternoon|evening)|thanks|thank you)[\s!.,]*$/i;

export interface Judgement {
  outcome: AnswerOutcome;
  evidence: Evidence;
}

/** Scores the passages for the question and decides whether they can answer it. */
export function judgeEvidence(
  question: string,
  passages: Passage[],
  threshold = RELEVANCE_THRESHOLD,
): Judgement {
  const evidence = scoreEvidence(question, passages);
  if (GREETINGS.test(question.trim()) || evidence.asked.size === 0) {
    return { outcome: 'not-a-question', evidence };
  }
  const relevant = evidence.sentences.length > 0 && evidence.relevance >= threshold;
  return { outcome: relevant ? 'answered' : 'no-relevant-source', evidence };
}

export function isGreeting(question: string): boolean {
  return GREETINGS.test(question.trim());
}
