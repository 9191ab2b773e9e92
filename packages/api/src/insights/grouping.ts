/**
 * Lexical grouping of visitor questions: "do these ask the same thing?" without a model call.
 * Each question becomes a set of stemmed content terms; two questions match when their sets
 * overlap enough (overlap coefficient, so a short question inside a longer one still matches).
 * Groups are built greedily, newest question first, against each group's first question.
 */

/** Function words and question scaffolding: they say nothing about what is asked. */
const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from about into over under as is are was ' +
    'were be been being am do does did doing have has had having i me my we our you your he she ' +
    'it its they them their this that these those there here what which who whom whose when ' +
    'where why how can could would should shall will may might must please tell know want need ' +
    'get got any some much many more most than then so not no yes just also too very hi hello ' +
    'hey thanks thank there s t'
  ).split(' '),
);

/** A light suffix stripper (enough to meet "shipping"/"ships"/"shipped"), not a full Porter. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('es') && /(ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  for (const suffix of ['ing', 'ed', 'ly', 'ment', 'ation', 'able']) {
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "shipp" -> "ship", "stopp" -> "stop": undo the doubled consonant the suffix left.
  if (/([bdfgmnprt])\1$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

export function questionTerms(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w));
  return new Set(words.map(stem).filter((w) => w.length > 1));
}

/** |A ∩ B| / min(|A|, |B|): 1 when one question's terms are all in the other's. */
export function overlap(a: Set<string>, b: Set<string>): number {
  const smaller = Math.min(a.size, b.size);
  return smaller === 0 ? 0 : sharedTerms(a, b) / smaller;
}

function sharedTerms(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared;
}

/**
 * Same question: most of the shorter one's terms are in the other, and (unless one is a single
 * word) at least two terms are shared, so "delete my account" and "reset my account password"
 * stay apart on "account" alone.
 */
export function askSameThing(a: Set<string>, b: Set<string>, threshold = SAME_QUESTION_THRESHOLD) {
  const needed = Math.min(2, a.size, b.size);
  return needed > 0 && sharedTerms(a, b) >= needed && overlap(a, b) >= threshold;
}

/** Measured on the paraphrase sets in grouping.test.ts (see the report line printed there). */
export const SAME_QUESTION_THRESHOLD = 0.5;

export interface Groupable {
  question: string;
}

/**
 * Groups items (in the order given: pass newest first) whose questions ask the same thing.
 * A question with no content terms only groups with its exact (normalised) text.
 */
export function groupQuestions<T extends Groupable>(
  items: T[],
  threshold = SAME_QUESTION_THRESHOLD,
): T[][] {
  const groups: Array<{ terms: Set<string>; key: string; items: T[] }> = [];
  for (const item of items) {
    const terms = questionTerms(item.question);
    const key = item.question.trim().toLowerCase();
    const home = groups.find((g) =>
      terms.size === 0 || g.terms.size === 0
        ? g.key === key
        : askSameThing(terms, g.terms, threshold),
    );
    if (home) home.items.push(item);
    else groups.push({ terms, key, items: [item] });
  }
  return groups.map((g) => g.items);
}
