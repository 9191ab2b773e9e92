import { EMBEDDING_DIMENSIONS } from '@platform/db';
import { AppError } from '@platform/errors';
import { postJson } from './http';
import { embedInBatches, padVector, type EmbeddingProvider } from './provider';

export interface OpenAIEmbeddingOptions {
  apiKey: string;
  baseUrl: string;
  model: string;
  batchSize: number;
  timeoutMs: number;
}

interface OpenAIEmbeddingResponse {
  data: Array<{ embedding: number[]; index: number }>;
  usage?: { prompt_tokens?: number; total_tokens?: number };
}

/** OpenAI `/embeddings`, asking the text-embedding-3 models for 1024 dimensions directly. */
export function createOpenAIEmbeddingProvider(options: OpenAIEmbeddingOptions): EmbeddingProvider {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
  return {
    provider: 'openai',
    modelId: options.model,
    model: `openai/${options.model}`,
    nativeDimensions: EMBEDDING_DIMENSIONS,
    embed: (texts) =>
      embedInBatches(texts, options.batchSize, async (batch) => {
        const response = await postJson<OpenAIEmbeddingResponse>({
          provider: 'OpenAI',
          url,
          apiKey: options.apiKey,
          timeoutMs: options.timeoutMs,
          body: {
            model: options.model,
            input: batch,
            dimensions: EMBEDDING_DIMENSIONS,
            encoding_format: 'float',
          },
        });
        return {
          vectors: inOrder(response.data, batch.length, 'OpenAI').map((v) => padVector(v)),
          tokens: response.usage?.prompt_tokens ?? response.usage?.total_tokens ?? 0,
        };
      }),
  };
}

/** Orders vectors by `index` and checks one came back per input. */
export function inOrder(
  data: Array<{ embedding: number[]; index: number }> | undefined,
  expected: number,
  provider: string,
): number[][] {
  const sorted = [...(data ?? [])].sort((a, b) => a.index - b.index);
  if (
    sorted.length !== expected ||
    sorted.some((d, i) => d.index !== i || !Array.isArray(d.embedding))
  ) {
    throw new AppError(
      'UNAVAILABLE',
      `The ${provider} embedding service returned ${sorted.length} vectors for ${expected} texts.`,
    );
  }
  return sorted.map((d) => d.embedding);
}
