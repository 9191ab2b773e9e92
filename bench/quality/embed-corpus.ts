// Fills the vector cache (BENCH_QUALITY_VECTORS) in parallel: `tsx quality/embed-corpus.ts <part> <parts>`.
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
for (let i = 0; i < texts.length; i += 32) {
  await embedder.embed(texts.slice(i, i + 32), 'document');
  console.error(`[embed ${part}/${parts}] ${Math.min(i + 32, texts.length)}/${texts.length}`);
}
