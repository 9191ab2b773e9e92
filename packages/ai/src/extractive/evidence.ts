import { HEAD_WEIGHT, questionTerms, terms, type QuestionTerm } from './terms';

/** A retrieved passage, numbered as the answer cites it. */
export interface Passage {
  /** Citation number, 1-based: the answer cites it as [index]. */
  index: number;
  title: string;
  content: string;
}

/** A sentence of a passage with what it shares with the question. */
export interface ScoredSentence {
  passage: Passage;
  text: string;
  /** Question terms the sentence contains. */
  matched: Set<string>;
  /** BM25-like score of the sentence for the question (see scoreEvidence). */
  score: number;
  /** Share of the question's weight the sentence contains, 0..1. */
  coverage: number;
}

export interface Evidence {
  /** The question's terms; empty when it has none (stop words or punctuation only). */
  asked: Map<string, QuestionTerm>;
  /** Sentences sharing at least one term with the question, best first. */
  sentences: ScoredSentence[];
  /** IDF-weighted share of the question the best-covering passage contains, 0..1. */
  relevance: number;
  /** The weight of a term in coverage: rarer across the retrieved passages weighs more. */
  weight: (term: string) => number;
}

// BM25's usual constants: term-frequency saturation and length normalisation.
const K1 = 1.2;
const B = 0.75;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Scores every sentence of the retrieved passages for a question, BM25-style with the passage
 * as the document: a question term weighs its rarity across the retrieved passages (IDF) times
 * how much the sentence's passage is about it (saturated term frequency, length-normalised), and
 * counts for a sentence only if the sentence itself contains it. A passage that is about
 * returning things makes its sentence on returns outrank a passing "fits" elsewhere. The score
 * is then multiplied by (1 + the sentence's coverage of the question), so a sentence that
 * answers more of the question comes first.
 */
export function scoreEvidence(question: string, passages: Passage[]): Evidence {
  const asked = questionTerms(question);
  const documents = passages.map((passage) => {
    const all = terms(passage.content);
    const tf = new Map<string, number>();
    for (const t of all) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { passage, length: all.length, tf };
  });
  const n = documents.length;
  const averageLength = documents.reduce((s, d) => s + d.length, 0) / Math.max(1, n) || 1;
  const idf = new Map(
    [...asked.keys()].map((t) => {
      const df = documents.filter((d) => d.tf.has(t)).length;
      // Smoothed so a term every passage shares still counts: it may be the very topic.
      return [t, Math.log(1 + (n + 1) / (df + 0.5))];
    }),
  );
  const weight = (t: string) => (idf.get(t) ?? 0) * (asked.get(t)?.weight ?? 0);
  const total = [...asked.keys()].reduce((s, t) => s + weight(t), 0);
  const share = (matched: Iterable<string>) =>
    total > 0 ? [...matched].reduce((s, t) => s + weight(t), 0) / total : 0;

  const sentences: ScoredSentence[] = [];
  let relevance = 0;
  for (const document of documents) {
    relevance = Math.max(relevance, share([...asked.keys()].filter((t) => document.tf.has(t))));
    const norm = 1 - B + (B * document.length) / averageLength;
    for (const text of splitSentences(document.passage.content)) {
      const own = new Set(terms(text));
      const matched = new Set([...asked.keys()].filter((t) => own.has(t)));
      if (matched.size === 0) continue;
      let score = 0;
      for (const t of matched) {
        const tf = document.tf.get(t) ?? 1;
        const head = asked.get(t)?.head ? HEAD_WEIGHT : 1;
        score += weight(t) * head * ((tf * (K1 + 1)) / (tf + K1 * norm));
      }
      const coverage = share(matched);
      sentences.push({
        passage: document.passage,
        text,
        matched,
        coverage,
        score: score * (1 + coverage),
      });
    }
  }
  // Stable sort: equal scores keep passage order (the retrieval's ranking), then reading order.
  sentences.sort((a, b) => b.score - a.score);
  return { asked, sentences, relevance, weight };
}

/** Sentences of a passage; Markdown heading lines and list markers are not quoted as such. */
export function splitSentences(content: string): string[] {
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
