// Fills the vector cache (BENCH_QUALITY_VECTORS) in parallel:
// `tsx quality/embed-corpus.ts <part> <parts> [reverse]`; a reverse worker on the same part
// starts from the end and stops where it meets what the forward one has done.
import { chunkText, createEmbeddingProvider, readRagEnv } from '@platform/rag';
import { evalSetDir, loadEvalSet } from './dataset';
import { cachedEmbedder } from './vector-cache';

const [part, parts] = process.argv.slice(2).map(Number) as [number, number];
const dir = process.env.BENCH_QUALITY_VECTORS;
const set = loadEvalSet(evalSetDir());
if (!dir || !set) throw new Error('Set BENCH_QUALITY_VECTORS; the eval set must exist.');
const env = readRagEnv();
const chunking = { chunkSize: env.CHUNK_SIZE_TOKENS, overlap: env.CHUNK_OVERLAP_TOKENS };
const embedder = cachedEmbedder(createEmbeddingProvider(env), dir);
const texts = [
  ...set.queries.map((q) => q.text),
  ...set.documents.flatMap((d) => chunkText(d.text, chunking).map((c) => c.content)),
].filter((_, i) => i % parts === part);
const reverse = process.argv[4] === 'reverse';
const order = reverse ? [...texts].reverse() : texts;
for (let i = 0; i < order.length; i += 32) {
  const batch = order.slice(i, i + 32);
  if (reverse) {
    embedder.refresh();
    if (batch.every((t) => embedder.has(t))) break;
  }
  await embedder.embed(batch, 'document');
  console.error(
    `[embed ${part}/${parts}${reverse ? ' reverse' : ''}] ${i + batch.length}/${texts.length}`,
  );
}
