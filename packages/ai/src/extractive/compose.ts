/** A retrieved passage, numbered as the answer cites it. */
export interface Passage {
  /** Citation number, 1-based: the answer cites it as [index]. */
  index: number;
  title: string;
  content: string;
}

export const NO_ANSWER =
  "I couldn't find an answer to that in the knowledge base. Try asking in other words, or ask about another topic.";
export const GREETING = 'Hello! Ask me a question and I will answer from the knowledge base.';
const INTRO = 'Here is what the knowledge base says:';
const DISCLOSURE =
  '(Quoted from the knowledge base by the extractive answerer, not written by a language model.)';

const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him himself
  his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours
  ourselves out over own same she should so some such than that the their theirs them themselves then there these they this
  those through to too under until up very was we were what when where which while who whom why will with would you your
  yours yourself yourselves tell please know want need get got give much many also there's what's it's i'm can't don't let
  like hi hello hey thanks thank ok okay`.split(/\s+/),
);
const GREETINGS = /^(hi|hello|hey|good (morning|afternoon|evening)|thanks|thank you)[\s!.,]*$/i;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Lower-cased words with the commonest English suffixes removed, so "ships" meets "shipping". */
export function terms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:[-'.][\p{L}\p{N}]+)*/gu) ?? [];
  return words.filter((w) => !STOPWORDS.has(w)).map(stem);
}

function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  for (const suffix of ['ing', 'ed', 'es', 's', 'ly']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      const base = word.slice(0, -suffix.length);
      // shipping -> shipp -> ship
      return /([b-df-hj-np-tv-z])\1$/.test(base) ? base.slice(0, -1) : base;
    }
  }
  return word;
}

interface Sentence {
  passage: Passage;
  text: string;
  terms: Set<string>;
  order: number;
}

/**
 * Answers by quoting: sentences of the passages are picked greedily by the question terms they
 * add (rarer terms weigh more), and, if together they cover enough of the question, quoted
 * verbatim with their citations. Nothing is generated, so nothing is invented; when the passages
 * do not cover the question, it says so plainly.
 */
export function composeExtractiveAnswer(
  question: string,
  passages: Passage[],
  maxQuotes = 3,
): string {
  if (GREETINGS.test(question.trim())) return GREETING;
  const asked = [...new Set(terms(question))];
  if (asked.length === 0) return NO_ANSWER;

  let order = 0;
  const sentences: Sentence[] = passages.flatMap((passage) =>
    splitSentences(passage.content).map((text) => ({
      passage,
      text,
      terms: new Set(terms(text)),
      order: order++,
    })),
  );
  const documentFrequency = new Map(
    asked.map((t) => [t, sentences.filter((s) => s.terms.has(t)).length]),
  );
  const weight = (t: string) =>
    Math.log(1 + (sentences.length + 1) / (1 + (documentFrequency.get(t) ?? 0)));
  const total = asked.reduce((sum, t) => sum + weight(t), 0);

  // Greedy cover: each quote must bring question terms the earlier quotes did not.
  const chosen: Sentence[] = [];
  const covered = new Set<string>();
  while (chosen.length < maxQuotes) {
    let best: { sentence: Sentence; gain: number } | undefined;
    for (const sentence of sentences) {
      if (chosen.includes(sentence)) continue;
      const gain = asked
        .filter((t) => sentence.terms.has(t) && !covered.has(t))
        .reduce((sum, t) => sum + weight(t), 0);
      if (gain > 0 && (!best || gain > best.gain)) best = { sentence, gain };
    }
    if (!best) break;
    chosen.push(best.sentence);
    asked.forEach((t) => best.sentence.terms.has(t) && covered.add(t));
  }
  const coverage = [...covered].reduce((sum, t) => sum + weight(t), 0) / total;
  // At least half the question's weight, or two of its terms: one stray word is not an answer.
  if (chosen.length === 0 || (coverage < 0.5 && covered.size < 2)) return NO_ANSWER;

  // Quote in reading order: passage order, then sentence order.
  chosen.sort((a, b) => a.order - b.order);
  const quotes = chosen.map((s) => `> ${s.text} [${s.passage.index}]`);
  return [INTRO, ...quotes, DISCLOSURE].join('\n\n');
}

/** Sentences of a passage; Markdown heading lines and list markers are not quoted as such. */
function splitSentences(content: string): string[] {
  const out: string[] = [];
  for (const line of content.split('\n')) {
    const clean = line.trim();
    if (!clean || /^#{1,6}\s/.test(clean)) continue;
    const body = clean.replace(/^([-*+]|\d+[.)])\s+/, '');
    for (const { segment } of segmenter.segment(body)) {
      const sentence = segment.trim();
      if (sentence.length >= 3) out.push(sentence);
    }
  }
  return out;
}
