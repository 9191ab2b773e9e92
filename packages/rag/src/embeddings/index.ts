import { readRagEnv, type RagEnv } from '../env';
import { createLocalEmbeddingProvider } from './local';
import { createOpenAIEmbeddingProvider } from './openai';
import type { EmbeddingProvider } from './provider';
import { createVoyageEmbeddingProvider } from './voyage';

export { createLocalEmbeddingProvider, loadLocalModel, LOCAL_MODEL_ID } from './local';
export type { LocalModel } from './local-model';
export { createOpenAIEmbeddingProvider } from './openai';
export type { OpenAIEmbeddingOptions } from './openai';
export { createVoyageEmbeddingProvider } from './voyage';
export type { VoyageEmbeddingOptions } from './voyage';
export { padVector } from './provider';
export type {
  EmbeddingProvider,
  EmbeddingProviderName,
  EmbeddingPurpose,
  EmbeddingResult,
} from './provider';

/** The provider EMBEDDING_PROVIDER names (local by default). */
export function createEmbeddingProvider(env: RagEnv = readRagEnv()): EmbeddingProvider {
  switch (env.EMBEDDING_PROVIDER) {
    case 'openai':
      return createOpenAIEmbeddingProvider({
        apiKey: env.OPENAI_API_KEY!,
        baseUrl: env.OPENAI_BASE_URL,
        model: env.OPENAI_EMBEDDING_MODEL,
        batchSize: env.EMBEDDING_BATCH_SIZE,
        timeoutMs: env.EMBEDDING_TIMEOUT_MS,
      });
    case 'voyage':
      return createVoyageEmbeddingProvider({
        apiKey: env.VOYAGE_API_KEY!,
        baseUrl: env.VOYAGE_BASE_URL,
        model: env.VOYAGE_EMBEDDING_MODEL,
        batchSize: env.EMBEDDING_BATCH_SIZE,
        timeoutMs: env.EMBEDDING_TIMEOUT_MS,
      });
    default:
      return createLocalEmbeddingProvider({ batchSize: env.EMBEDDING_BATCH_SIZE });
  }
}
