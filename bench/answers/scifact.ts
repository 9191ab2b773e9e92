import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The SciFact dev set shared beside the repository (`../shared/eval/scifact-dev/`). */
export const SCIFACT_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/eval/scifact-dev',
);

export interface SciFact {
  corpus: Array<{ id: string; text: string }>;
  queries: Array<{ id: string; text: string }>;
  /** Query id -> ids of its relevant documents. */
  qrels: Map<string, Set<string>>;
}

/** The dev set, or undefined when `../shared` is absent (a fresh clone elsewhere). */
export function loadSciFact(dir = SCIFACT_DIR): SciFact | undefined {
  if (!existsSync(path.join(dir, 'corpus.jsonl'))) return undefined;
  const jsonl = (file: string) =>
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: string | number; text: string })
      .map((row) => ({ id: String(row.id), text: row.text }));
  const qrels = new Map<string, Set<string>>();
  for (const line of readFileSync(path.join(dir, 'qrels.tsv'), 'utf8').split('\n')) {
    const [query, doc] = line.trim().split('\t');
    if (!query || !doc || query === 'query-id') continue;
    if (!qrels.has(query)) qrels.set(query, new Set());
    qrels.get(query)!.add(doc);
  }
  const queries = jsonl('queries.jsonl').filter((q) => qrels.has(q.id));
  return { corpus: jsonl('corpus.jsonl'), queries, qrels };
}
