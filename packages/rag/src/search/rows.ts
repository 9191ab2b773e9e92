/** One branch's result: a chunk id and its score in that branch. */
export interface Candidate {
  id: string;
  value: number;
}

export { rowsOf } from '@platform/db';
