import { streamText, type LanguageModelUsage, type ModelMessage } from 'ai';
import type { Passage } from '../extractive/compose';
import { EXTRACTIVE_PROVIDER } from '../extractive/model';
import type { ChatModel } from '../providers/registry';
import type { TurnPersonality } from './context';
import { IncompleteStreamError, TurnInterruptedError, TurnTimeoutError } from './failure';

export interface AnswerRequest {
  chat: ChatModel;
  prompt: { system: string; messages: ModelMessage[] };
  personality: TurnPersonality;
  /** The retrieved passages: the extractive answerer composes its reply from them. */
  passages: Passage[];
  maxOutputTokens: number;
  timeoutMs: number;
  /** Callers' reasons to stop (the visitor left, the request was cancelled). */
  signals?: AbortSignal[];
}

/**
 * The model's answer for one turn: yields text as it arrives and returns the provider's usage.
 * A provider error, a timeout, a caller's abort, or a stream that ends without its finish part
 * throws (TurnTimeoutError, TurnInterruptedError, IncompleteStreamError or the provider's
 * error), so the visitor's chat and the dashboard's test chat fail the same readable way.
 */
export async function* streamAnswer(
  request: AnswerRequest,
): AsyncGenerator<string, LanguageModelUsage> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const result = streamText({
    model: request.chat.model,
    system: request.prompt.system,
    messages: request.prompt.messages,
    maxOutputTokens: request.maxOutputTokens,
    ...samplingSettings(request.chat, request.personality),
    maxRetries: 1,
    abortSignal: AbortSignal.any([timeout, ...(request.signals ?? [])]),
    providerOptions: {
      [EXTRACTIVE_PROVIDER]: { passages: request.passages.map((p) => ({ ...p })) },
    },
    onError: () => {}, // handled from the stream below
  });
  let usage: LanguageModelUsage | undefined;
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') yield part.text;
    else if (part.type === 'error') throw part.error;
    else if (part.type === 'abort') throw abortCause(timeout, request.timeoutMs);
    else if (part.type === 'finish') {
      if (part.finishReason === 'error') throw new IncompleteStreamError();
      usage = part.totalUsage;
    }
  }
  if (!usage) throw new IncompleteStreamError();
  return usage;
}

/**
 * Extractive answers ignore sampling. For LLMs, only settings that differ from the neutral value
 * are sent: some providers reject temperature and top_p together, or penalties altogether.
 */
export function samplingSettings(chat: ChatModel, personality: TurnPersonality) {
  if (!chat.generative) return {};
  return {
    temperature: personality.temperature,
    ...(personality.topP !== 1 ? { topP: personality.topP } : {}),
    ...(personality.frequencyPenalty !== 0
      ? { frequencyPenalty: personality.frequencyPenalty }
      : {}),
    ...(personality.presencePenalty !== 0 ? { presencePenalty: personality.presencePenalty } : {}),
  };
}

function abortCause(timeout: AbortSignal, ms: number): Error {
  return timeout.aborted ? new TurnTimeoutError(ms) : new TurnInterruptedError();
}
