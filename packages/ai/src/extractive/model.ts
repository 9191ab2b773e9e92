import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { countTokens } from '@platform/rag';
import { composeExtractiveAnswer, type Passage } from './compose';

export const EXTRACTIVE_PROVIDER = 'extractive';
export const EXTRACTIVE_MODEL_ID = 'extractive-v1';

/** What the engine passes in `providerOptions.extractive`: the numbered passages to quote. */
export interface ExtractiveProviderOptions {
  passages: Passage[];
}

/**
 * The offline answerer as an AI SDK language model, so it goes through the same `streamText`
 * path (usage, streaming, storage) as a real LLM. It reads the visitor's question from the last
 * user message and quotes the passages handed to it in `providerOptions.extractive`; it never
 * writes anything the knowledge base does not say. Its model id (`extractive-v1`) is stored with
 * every message it answers, so nobody mistakes it for an LLM.
 */
export function createExtractiveModel(options: { chunkDelayMs?: number } = {}): LanguageModelV3 {
  const answer = (call: LanguageModelV3CallOptions) => {
    const question = lastUserText(call.prompt);
    const passages = readPassages(call.providerOptions);
    const text = composeExtractiveAnswer(question, passages);
    return { text, usage: usage(promptTokens(call.prompt), countTokens(text)) };
  };
  return {
    specificationVersion: 'v3',
    provider: EXTRACTIVE_PROVIDER,
    modelId: EXTRACTIVE_MODEL_ID,
    supportedUrls: {},
    async doGenerate(call) {
      const { text, usage } = answer(call);
      return {
        content: [{ type: 'text', text }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage,
        warnings: [],
      };
    },
    async doStream(call) {
      const { text, usage } = answer(call);
      // One piece per paragraph (the intro, each quote, the disclosure): still a stream of several
      // deltas for the widget, without paying the per-part cost of word-sized pieces (~100 a turn).
      const pieces = text.match(/[^\n]+(?:\n+|$)|\n+/g) ?? [];
      const parts: LanguageModelV3StreamPart[] = [
        { type: 'stream-start', warnings: [] },
        { type: 'response-metadata', modelId: EXTRACTIVE_MODEL_ID, timestamp: new Date() },
        { type: 'text-start', id: 'answer' },
        ...pieces.map((delta): LanguageModelV3StreamPart => ({
          type: 'text-delta',
          id: 'answer',
          delta,
        })),
        { type: 'text-end', id: 'answer' },
        { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage },
      ];
      const delay = options.chunkDelayMs ?? 0;
      const signal = call.abortSignal;
      return {
        stream: new ReadableStream<LanguageModelV3StreamPart>({
          async start(controller) {
            for (const part of parts) {
              if (signal?.aborted) {
                controller.error(signal.reason);
                return;
              }
              if (delay > 0 && part.type === 'text-delta')
                await new Promise((r) => setTimeout(r, delay));
              controller.enqueue(part);
            }
            controller.close();
          },
        }),
      };
    },
  };
}

function lastUserText(prompt: LanguageModelV3Prompt): string {
  for (let i = prompt.length - 1; i >= 0; i--) {
    const message = prompt[i]!;
    if (message.role !== 'user') continue;
    return message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
  }
  return '';
}

function readPassages(providerOptions: LanguageModelV3CallOptions['providerOptions']): Passage[] {
  const raw = providerOptions?.[EXTRACTIVE_PROVIDER]?.passages;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((p): Passage[] => {
    const item = p as Partial<Passage> | null;
    return item && typeof item.content === 'string' && typeof item.index === 'number'
      ? [{ index: item.index, title: String(item.title ?? ''), content: item.content }]
      : [];
  });
}

/** Tokens of everything the model was given: what an LLM would have been billed for. */
function promptTokens(prompt: LanguageModelV3Prompt): number {
  return prompt.reduce((sum, message) => {
    if (message.role === 'system') return sum + countTokens(message.content);
    return (
      sum +
      message.content.reduce(
        (s, part) => s + (part.type === 'text' ? countTokens(part.text) : 0),
        0,
      )
    );
  }, 0);
}

function usage(input: number, output: number): LanguageModelV3Usage {
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: output, text: output, reasoning: 0 },
  };
}
