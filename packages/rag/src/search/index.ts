export {
  BM25_DEFAULTS,
  bm25Candidates,
  bm25Idf,
  maxPossibleScore,
  orQuery,
  queryTerms,
} from './bm25';
export type { Bm25Parameters, QueryTerm, QueryTerms } from './bm25';
export { FUSION_DEFAULTS, hybridSearch, scopeFilter, vectorCandidates } from './hybrid';
export type {
  HybridSearchOptions,
  SearchHit,
  SearchResult,
  TextBranchState,
  VectorBranchState,
} from './hybrid';
export { rowsOf } from './rows';
export { isFiltered } from './scope';
export type { SearchScope } from './scope';
export type { Candidate } from './rows';
export { reciprocalRankFusion } from './rrf';
export { fuseScores } from './score-fusion';
export type { ScoredItem, TextCandidate, VectorCandidate } from './score-fusion';
export type { FusedItem, RankedList } from './rrf';
export { nothingRelated } from './unrelated';
