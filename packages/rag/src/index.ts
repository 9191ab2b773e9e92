export * from './chunking';
export * from './embeddings';
export * from './parsers';
export { readRagEnv } from './env';
export type { RagEnv } from './env';
