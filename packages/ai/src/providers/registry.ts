import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { readAiEnv, type AiEnv } from '../env';
import {
  createExtractiveModel,
  EXTRACTIVE_MODEL_ID,
  EXTRACTIVE_PROVIDER,
} from '../extractive/model';

/** A chat model ready to stream, with the names its usage is priced and stored under. */
export interface ChatModel {
  model: LanguageModelV3;
  /** Provider name in the price table (`openai`, `anthropic`, `extractive`, ...). */
  provider: string;
  /** Model id as priced and stored in message metadata. */
  modelId: string;
  /** False for the extractive answerer: it ignores sampling settings and needs passages. */
  generative: boolean;
}

/**
 * Chooses the model for a turn: LLM_PROVIDER decides the provider; a personality's preferred model
 * (a model id of that provider) overrides the provider's default model. The extractive answerer
 * has one model and ignores preferences.
 */
export function resolveChatModel(
  preferredModel?: string | null,
  env: AiEnv = readAiEnv(),
): ChatModel {
  const preferred = preferredModel?.trim() || undefined;
  switch (env.LLM_PROVIDER) {
    case 'openai': {
      const modelId = preferred ?? env.OPENAI_CHAT_MODEL;
      const provider = createOpenAI({ apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL });
      return { model: provider.chat(modelId), provider: 'openai', modelId, generative: true };
    }
    case 'anthropic': {
      const modelId = preferred ?? env.ANTHROPIC_CHAT_MODEL;
      const provider = createAnthropic({
        apiKey: env.ANTHROPIC_API_KEY,
        baseURL: env.ANTHROPIC_BASE_URL,
      });
      return { model: provider(modelId), provider: 'anthropic', modelId, generative: true };
    }
    case 'openai-compatible': {
      const modelId = preferred ?? env.OPENAI_COMPATIBLE_CHAT_MODEL!;
      const provider = createOpenAICompatible({
        name: env.OPENAI_COMPATIBLE_PROVIDER_NAME,
        baseURL: env.OPENAI_COMPATIBLE_BASE_URL!,
        apiKey: env.OPENAI_COMPATIBLE_API_KEY,
        // Ask for usage in the last chunk: token counts come from the provider, not estimates.
        includeUsage: true,
      });
      return {
        model: provider.chatModel(modelId),
        provider: env.OPENAI_COMPATIBLE_PROVIDER_NAME,
        modelId,
        generative: true,
      };
    }
    default:
      return {
        model: createExtractiveModel(),
        provider: EXTRACTIVE_PROVIDER,
        modelId: EXTRACTIVE_MODEL_ID,
        generative: false,
      };
  }
}
