export { hybridSearch, scopeFilter, textCandidates, vectorCandidates } from './hybrid';
export type {
  Candidate,
  HybridSearchOptions,
  SearchHit,
  SearchResult,
  VectorBranchState,
} from './hybrid';
export { reciprocalRankFusion } from './rrf';
export type { FusedItem, RankedList } from './rrf';
