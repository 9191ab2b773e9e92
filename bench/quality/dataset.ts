import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A retrieval test collection in BEIR's layout: corpus, queries, binary relevance. */
export interface EvalSet {
  dir: string;
  documents: Array<{ id: string; text: string }>;
  queries: Array<{ id: string; text: string }>;
  /** Query id -> ids of its relevant documents. */
  relevant: Map<string, Set<string>>;
}

/** `../shared/eval/scifact-dev` beside the repository, or BENCH_QUALITY_DIR. */
export function evalSetDir(): string {
  return (
    process.env.BENCH_QUALITY_DIR ??
    resolve(import.meta.dirname, '../../../shared/eval/scifact-dev')
  );
}

/** The set in `dir`, or undefined when it is not there (a clone without ../shared). */
export function loadEvalSet(dir: string): EvalSet | undefined {
  const files = ['corpus.jsonl', 'queries.jsonl', 'qrels.tsv'].map((f) => join(dir, f));
  if (!files.every((f) => existsSync(f))) return undefined;
  const [corpus, queries, qrels] = files.map((f) => readFileSync(f, 'utf8'));
  const jsonLines = (text: string) =>
    text
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as { id: string; text: string })
      .map(({ id, text }) => ({ id: String(id), text }));
  const relevant = new Map<string, Set<string>>();
  for (const line of qrels!.split('\n')) {
    const [query, doc, grade] = line.trim().split('\t');
    if (!query || !doc || query === 'query-id' || Number(grade) <= 0) continue;
    if (!relevant.has(query)) relevant.set(query, new Set());
    relevant.get(query)!.add(doc);
  }
  return {
    dir,
    documents: jsonLines(corpus!),
    queries: jsonLines(queries!).filter((q) => relevant.has(q.id)),
    relevant,
  };
}
