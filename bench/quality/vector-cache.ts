import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { padVector, type EmbeddingProvider } from '@platform/rag';

const hash = (model: string, text: string) =>
  createHash('sha256').update(model).update('\0').update(text).digest('hex');

/**
 * The model's own vectors, kept on disk between runs (BENCH_QUALITY_VECTORS): re-running the
 * sweep after a ranking change need not re-embed 2,000 abstracts on a busy machine. Same model
 * name, so ingestion and search are unchanged; only the ingestion rate is then meaningless.
 */
export function cachedEmbedder(
  base: EmbeddingProvider,
  dir: string,
): EmbeddingProvider & { refresh(): void; has(text: string): boolean } {
  mkdirSync(dir, { recursive: true });
  const cache = new Map<string, number[]>();
  const own = join(dir, `cache-${process.pid}.jsonl`);
  /** Reads what other processes filling the same cache have added. */
  const refresh = () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
      if (join(dir, file) === own) continue;
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const { key, vector } = JSON.parse(line) as { key: string; vector: number[] };
          cache.set(key, vector);
        } catch {
          // a line still being written by another process
        }
      }
    }
  };
  refresh();
  return {
    ...base,
    refresh,
    has: (text) => cache.has(hash(base.model, text)),
    async embed(texts, purpose) {
      const missing = [...new Set(texts.filter((t) => !cache.has(hash(base.model, t))))];
      if (missing.length > 0) {
        const { vectors } = await base.embed(missing, purpose);
        missing.forEach((text, i) => {
          const key = hash(base.model, text);
          const vector = vectors[i]!.slice(0, base.nativeDimensions);
          cache.set(key, vector);
          appendFileSync(own, `${JSON.stringify({ key, vector })}\n`);
        });
      }
      return {
        vectors: texts.map((t) => padVector(cache.get(hash(base.model, t))!)),
        tokens: 0,
      };
    },
  };
}
