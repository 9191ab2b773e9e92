export * from './chunking';
export * from './embeddings';
export * from './ingestion';
export * from './parsers';
export * from './search';
export { readRagEnv } from './env';
export type { RagEnv } from './env';
