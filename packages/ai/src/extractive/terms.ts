import { stem } from 'porter2';

/**
 * Postgres' English stop words (the Snowball list its `english` configuration uses, so the
 * answerer and the text search ignore the same words), plus the filler of a chat question
 * ("please tell me", "hi") that names nothing to look for.
 */
const STOPWORDS = new Set(
  `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it
  its itself they them their theirs themselves what which who whom this that these those am is are was were be been
  being have has had having do does did doing a an the and but if or because as until while of at by for with about
  against between into through during before after above below to from up down in out on off over under again further
  then once here there when where why how all any both each few more most other some such no nor not only own same so
  than too very s t can will just don should now
  could would also much many tell please know want need get got give let like hi hello hey thanks thank ok okay
  there's what's it's i'm can't don't doesn't isn't aren't won't i'd i've you're`.split(/\s+/),
);

/** Words that open a question's condition: "Can I return them if they don't fit?" */
const CONDITION_OPENERS = new Set(['if', 'unless', 'because', 'although', 'though', 'since']);

/**
 * How much a condition's words count next to the words of what is asked: in "Can I return my
 * skates if they don't fit?" the answer is about returning skates; "fit" only qualifies it.
 */
export const CONDITION_WEIGHT = 0.3;

/** Auxiliaries that open a yes/no or "how" question: the next content word is what is asked for. */
const QUESTION_OPENERS = new Set([
  'can',
  'could',
  'may',
  'do',
  'does',
  'did',
  'will',
  'would',
  'should',
  'is',
  'are',
  'how',
]);

/**
 * How much more the asked-for action weighs when ranking sentences: in "Can I return my skates?"
 * a sentence about returning answers, one about the skates' weight does not.
 */
export const HEAD_WEIGHT = 1.5;

/** Words: letters and digits, keeping codes such as "E-4107" and "don't" whole. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu) ?? [];
}

function normalize(word: string): string {
  const plain = word.replace(/’/g, "'");
  // Porter2 over plain words (Postgres' english stemmer), codes and numbers as typed.
  return /[\d-]/.test(plain) ? plain : stem(plain.replace(/'s$/, ''));
}

/** Stemmed content words of a text, in order, with repeats: "Shipping ships" -> ship ship. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w.replace(/’/g, "'")))
    .map(normalize);
}

export interface QuestionTerm {
  /** Share of the question this term stands for: 1, or CONDITION_WEIGHT in a condition clause. */
  weight: number;
  /** The action an auxiliary-led question asks about ("Can I return..."): ranks first. */
  head: boolean;
}

/**
 * A question's distinct terms with their weights: 1 for what is asked, CONDITION_WEIGHT for
 * the words of a condition clause (after "if", "unless", ...); the first content word of a
 * question opened by an auxiliary ("can", "do", "how"...) is its head.
 */
export function questionTerms(question: string): Map<string, QuestionTerm> {
  const out = new Map<string, QuestionTerm>();
  const all = words(question);
  let weight = 1;
  let headPending = QUESTION_OPENERS.has(all[0] ?? '');
  for (const word of all) {
    if (CONDITION_OPENERS.has(word)) weight = CONDITION_WEIGHT;
    if (STOPWORDS.has(word.replace(/’/g, "'"))) continue;
    const term = normalize(word);
    const known = out.get(term);
    out.set(term, {
      weight: Math.max(known?.weight ?? 0, weight),
      head: (known?.head ?? false) || headPending,
    });
    headPending = false;
  }
  return out;
}
