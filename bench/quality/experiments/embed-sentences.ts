// Embeds sentences (JSON [{doc, text}], written by `rerank.py ... sentences`) with the default model
// into a JSONL file of {doc, text, vector}: `tsx quality/experiments/embed-sentences.ts <in.json> <out.jsonl>`.
import { appendFileSync, readFileSync } from 'node:fs';
import { createEmbeddingProvider } from '@platform/rag';

const [input, output, limit] = process.argv.slice(2) as [string, string, string | undefined];
const items = (
  JSON.parse(readFileSync(input, 'utf8')) as Array<{ doc: string; text: string }>
).slice(0, limit ? Number(limit) : undefined);
const model = createEmbeddingProvider();
const start = performance.now();
for (let i = 0; i < items.length; i += 32) {
  const batch = items.slice(i, i + 32);
  const { vectors } = await model.embed(
    batch.map((b) => b.text),
    'document',
  );
  appendFileSync(
    output,
    batch
      .map((b, j) => JSON.stringify({ ...b, vector: vectors[j]!.slice(0, model.nativeDimensions) }))
      .join('\n') + '\n',
  );
  if ((i / 32) % 20 === 0)
    console.error(
      `${i + batch.length}/${items.length} ${((i + batch.length) / ((performance.now() - start) / 1000)).toFixed(1)}/s`,
    );
}
