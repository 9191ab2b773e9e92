export { hybridSearch } from './hybrid';
export type { HybridSearchOptions, SearchHit, SearchResult, VectorBranchState } from './hybrid';
export { reciprocalRankFusion } from './rrf';
export type { FusedItem, RankedList } from './rrf';
