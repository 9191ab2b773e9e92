/** One branch's result: a chunk id and its score in that branch. */
export interface Candidate {
  id: string;
  value: number;
}

/** postgres.js returns an array of rows; PGlite returns `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
