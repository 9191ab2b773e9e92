import { postJson } from './http';
import { inOrder } from './openai';
import { embedInBatches, padVector, type EmbeddingProvider } from './provider';

export interface VoyageEmbeddingOptions {
  apiKey: string;
  baseUrl: string;
  model: string;
  batchSize: number;
  timeoutMs: number;
}

interface VoyageEmbeddingResponse {
  data: Array<{ embedding: number[]; index: number }>;
  usage?: { total_tokens?: number };
}

/** Voyage `/embeddings` (voyage-3: 1024-d), telling it whether it embeds documents or a query. */
export function createVoyageEmbeddingProvider(options: VoyageEmbeddingOptions): EmbeddingProvider {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
  return {
    provider: 'voyage',
    modelId: options.model,
    model: `voyage/${options.model}`,
    nativeDimensions: 1024,
    embed: (texts, purpose) =>
      embedInBatches(texts, options.batchSize, async (batch) => {
        const response = await postJson<VoyageEmbeddingResponse>({
          provider: 'Voyage',
          url,
          apiKey: options.apiKey,
          timeoutMs: options.timeoutMs,
          body: { model: options.model, input: batch, input_type: purpose },
        });
        return {
          vectors: inOrder(response.data, batch.length, 'Voyage').map((v) => padVector(v)),
          tokens: response.usage?.total_tokens ?? 0,
        };
      }),
  };
}
