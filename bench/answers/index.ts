import { judgeEvidence, RELEVANCE_THRESHOLD, type Passage } from '@platform/ai';
import { chunkText, createEmbeddingProvider, type EmbeddingProvider } from '@platform/rag';
import { cachedEmbedder } from '../quality/vector-cache';
import { createBm25, type Indexed } from './bm25';
import { loadSciFact, SCIFACT_DIR } from './scifact';

/** Questions no scientific abstract answers: what a shop's visitors ask. */
const OFF_TOPIC = [
  'How much does express shipping cost?',
  'Can I return my skates if they do not fit?',
  'What are your opening hours on Saturday?',
  'Do you ship to Norway?',
  'How do I reset my password?',
  'Can I pay with PayPal?',
  'Where is my order?',
  'How long does the battery of the skates last?',
  'Is there a discount for students?',
  'Can I change the delivery address after ordering?',
  'Do you sell gift cards?',
  'How do I cancel my subscription?',
  'What sizes do the skates come in?',
  'Who do I call when my parcel has not arrived?',
  'Can I pick up my order in the store?',
  'What is the warranty on the motor?',
  'Do you have a loyalty program?',
  'How do I unsubscribe from the newsletter?',
  'Is the helmet included with the skates?',
  'Can I get an invoice with my company name?',
  'What does error E-4107 mean?',
  'Which languages does your support team speak?',
  'How do I delete my account?',
  'Are returns free within the European Union?',
  'What is the capital of France?',
  'Who won the football world cup in 2014?',
  'How do I bake sourdough bread?',
  'What is the best hiking trail in the Alps?',
  'Recommend a good science fiction novel.',
  'How do I change a flat bicycle tyre?',
];

interface Probe {
  kind: 'answerable' | 'relevant-removed' | 'off-topic';
  /** Whether the retrieved passages include a relevant abstract (answerable probes). */
  retrievedRelevant: boolean;
  relevance: number;
  /** Retrieval's own signal: the best hit's BM25 over the question's best possible (k1 1.2, b 0.75). */
  retrieval: number;
  /** The same with words the corpus lacks counted in the best possible. */
  retrievalAll: number;
  /** Best cosine similarity between the question and a retrieved passage (NaN: no vectors). */
  similarity: number;
  /** The product's judgement: the lexical share, or -1 when no passage reaches the model's floor. */
  gated: number;
  query: string;
}

type Signal = 'relevance' | 'retrieval' | 'retrievalAll' | 'similarity' | 'gated';

const K = 5; // CHAT_RETRIEVAL_LIMIT's default: the passages a turn hands the answerer

/**
 * When the offline answerer says "no answer": SciFact claims asked against the corpus (they have
 * an answer), the same claims against the corpus without their relevant abstracts, and shop
 * questions no abstract answers. Retrieval is an in-memory BM25 over the product's chunks.
 */
export async function runAnswersBench(): Promise<void> {
  const set = loadSciFact();
  if (!set) {
    console.log(`skipped: ${SCIFACT_DIR} is absent`);
    return;
  }
  const items: Indexed[] = set.corpus.flatMap((doc) =>
    chunkText(doc.text, { chunkSize: 400, overlap: 60 }).map((chunk, i) => ({
      id: `${doc.id}#${i}`,
      docId: doc.id,
      text: chunk.content,
    })),
  );
  const index = createBm25(items);
  const passages = (hits: Indexed[]): Passage[] =>
    hits.map((hit, i) => ({ index: i + 1, title: '', content: hit.text }));
  const relevanceOf = (query: string, hits: Indexed[]) =>
    judgeEvidence(query, passages(hits), 0).evidence.relevance;
  // The product's text branch: BM25 k1 1.2, b 0.75 over the chunks, normalised per question.
  const product = createBm25(items, 1.2, 0.75);
  const retrievalOf = (query: string, exclude?: (item: Indexed) => boolean) => {
    const best = product.scored(query, 1, exclude)[0]?.score ?? 0;
    const known = product.maxPossible(query, true);
    const all = product.maxPossible(query, false);
    return { retrieval: known > 0 ? best / known : 0, retrievalAll: all > 0 ? best / all : 0 };
  };

  const vectors = await embedAll(items, [...set.queries.map((q) => q.text), ...OFF_TOPIC]);
  const floor = vectors?.embedder.unrelatedBelow ?? Number.NaN;
  const similarityOf = (query: string, hits: Indexed[]) => {
    if (!vectors) return { similarity: Number.NaN, gated: Number.NaN };
    const q = vectors.byText.get(query)!;
    const similarity = Math.max(-1, ...hits.map((h) => cosine(q, vectors.byText.get(h.text)!)));
    return { similarity, gated: similarity >= floor ? relevanceOf(query, hits) : -1 };
  };

  const probes: Probe[] = [];
  for (const query of set.queries) {
    const relevant = set.qrels.get(query.id)!;
    const hits = index.search(query.text, K);
    probes.push({
      kind: 'answerable',
      query: query.text,
      retrievedRelevant: hits.some((h) => relevant.has(h.docId)),
      relevance: relevanceOf(query.text, hits),
      ...retrievalOf(query.text),
      ...similarityOf(query.text, hits),
    });
    const without = index.search(query.text, K, (item) => relevant.has(item.docId));
    probes.push({
      kind: 'relevant-removed',
      query: query.text,
      retrievedRelevant: false,
      relevance: relevanceOf(query.text, without),
      ...retrievalOf(query.text, (item) => relevant.has(item.docId)),
      ...similarityOf(query.text, without),
    });
  }
  for (const query of OFF_TOPIC) {
    const hits = index.search(query, K);
    probes.push({
      kind: 'off-topic',
      query,
      retrievedRelevant: false,
      relevance: relevanceOf(query, hits),
      ...retrievalOf(query),
      ...similarityOf(query, hits),
    });
  }

  console.log(
    `${set.queries.length} claims, ${items.length} chunks of ${set.corpus.length} abstracts, top ${K} passages; ` +
      `${OFF_TOPIC.length} off-topic questions`,
  );
  const signals: Array<[Signal, string, number[]]> = [
    [
      'relevance',
      "the answerer's lexical share (idf over the 5 passages)",
      [0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6],
    ],
    [
      'retrieval',
      "best hit's BM25 / the question's best possible (words the corpus has)",
      [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5],
    ],
    [
      'retrievalAll',
      "best hit's BM25 / the question's best possible (every word)",
      [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5],
    ],
  ];
  if (vectors) {
    signals.push(
      [
        'similarity',
        `best cosine between the question and a passage (${vectors.embedder.model})`,
        [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5],
      ],
      [
        'gated',
        `the product: lexical share, and no answer when no passage reaches cosine ${floor} (unrelatedBelow)`,
        [0.2, 0.25, 0.3],
      ],
    );
  } else {
    console.log(
      'similarity rows skipped: set BENCH_QUALITY_VECTORS to a vector cache (see pnpm bench quality); embedding the corpus here would take most of an hour',
    );
  }
  const position = new Map(set.queries.map((q, i) => [q.text, i]));
  const half = (odd: boolean) =>
    probes.filter((p) => p.kind === 'off-topic' || (position.get(p.query)! % 2 === 1) === odd);
  for (const [signal, name, thresholds] of signals) {
    console.log(`\nsignal: ${name}`);
    console.log(
      'threshold | false "no answer" (all / relevant retrieved) | false answer (relevant removed / off-topic)',
    );
    for (const threshold of thresholds) {
      const marker =
        signal === 'relevance' && threshold === RELEVANCE_THRESHOLD
          ? '  <- RELEVANCE_THRESHOLD'
          : '';
      console.log(`${threshold.toFixed(2)} | ${rates(probes, threshold, signal)}${marker}`);
    }
    // Generalisation: choose on half the claims, measure on the other half, both ways.
    for (const odd of [false, true]) {
      const chosen = bestThreshold(half(odd), signal);
      console.log(
        `chosen on ${odd ? 'odd' : 'even'} claims: ${chosen.toFixed(2)}; on ${odd ? 'even' : 'odd'} claims: ${rates(half(!odd), chosen, signal)}`,
      );
    }
  }
}

function rates(probes: Probe[], threshold: number, signal: Signal): string {
  const share = (list: Probe[], said: (p: Probe) => boolean) =>
    list.length ? `${((100 * list.filter(said).length) / list.length).toFixed(1)}%` : '-';
  const answerable = probes.filter((p) => p.kind === 'answerable');
  const noAnswer = (p: Probe) => p[signal] < threshold;
  return [
    share(answerable, noAnswer),
    share(
      answerable.filter((p) => p.retrievedRelevant),
      noAnswer,
    ),
    share(
      probes.filter((p) => p.kind === 'relevant-removed'),
      (p) => !noAnswer(p),
    ),
    share(
      probes.filter((p) => p.kind === 'off-topic'),
      (p) => !noAnswer(p),
    ),
  ].join(' / ');
}

/**
 * The highest threshold (fewest false answers) that still says "no answer" to at most 5% of the
 * claims whose relevant abstract was retrieved: "no answer" is for when nothing relevant was found.
 */
function bestThreshold(probes: Probe[], signal: Signal): number {
  const found = probes.filter((p) => p.kind === 'answerable' && p.retrievedRelevant);
  let best = 0;
  for (let t = 0; t <= 1; t += 0.01) {
    const missed = found.filter((p) => p[signal] < t).length / Math.max(1, found.length);
    if (missed > 0.05) break;
    best = t;
  }
  return Math.round(best * 100) / 100;
}

/** Every chunk's and question's vector from the cache in BENCH_QUALITY_VECTORS, or undefined. */
async function embedAll(
  items: Indexed[],
  questions: string[],
): Promise<{ embedder: EmbeddingProvider; byText: Map<string, number[]> } | undefined> {
  const dir = process.env.BENCH_QUALITY_VECTORS;
  if (!dir) return undefined;
  const embedder = cachedEmbedder(createEmbeddingProvider(), dir);
  const texts = [...new Set([...items.map((i) => i.text), ...questions])];
  const { vectors } = await embedder.embed(texts, 'query');
  return { embedder, byText: new Map(texts.map((t, i) => [t, vectors[i]!])) };
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
