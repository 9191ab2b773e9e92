export { chunkText } from './chunker';
export type { ChunkingOptions, TextChunk } from './chunker';
export { countTokens } from './tokens';
