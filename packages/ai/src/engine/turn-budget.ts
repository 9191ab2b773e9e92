import {
  holdBudget,
  priceUsage,
  reserveBudget,
  type BudgetHold,
  type Reservation,
} from '@platform/costs';
import type { Database, Tx } from '@platform/db';
import { countTokens, priceProvider, readRagEnv, type EmbeddingProvider } from '@platform/rag';
import type { AiEnv } from '../env';
import type { ChatModel } from '../providers/registry';
import type { TurnPersonality } from './context';
import { buildPrompt, type HistoryMessage } from './prompt';

export interface TurnEstimateInput {
  chat: ChatModel;
  embedder: EmbeddingProvider;
  personality: TurnPersonality;
  question: string;
  history: HistoryMessage[];
  env: AiEnv;
  /** Largest passage, in tokens: the chunk size. Defaults to CHUNK_SIZE_TOKENS. */
  passageTokens?: number;
}

/** A passage's tag and title around its text in the system prompt. */
const PASSAGE_WRAPPING_TOKENS = 24;

/**
 * What a turn is expected to cost, priced before any paid call: the question's embedding, the
 * prompt as it will be sent (retrieved passages counted at the chunk size, their most) and the
 * expected answer: CHAT_EXPECTED_OUTPUT_TOKENS, or the personality's cap when lower. Not the
 * worst case: reserving every turn's whole output allowance refused turns the budget still
 * covered many times over. The true cost is recorded and settled once the turn ends.
 */
export function estimateTurnMicroUsd(input: TurnEstimateInput): bigint {
  const { env, chat, embedder } = input;
  const at = new Date();
  const passageTokens = input.passageTokens ?? readRagEnv().CHUNK_SIZE_TOKENS;
  const withoutPassages = countPromptTokens({
    system: buildPrompt({ ...input, passages: [] }).system,
    question: input.question,
    history: input.history,
  });
  const maxOutputTokens = input.personality.maxTokens ?? env.CHAT_DEFAULT_MAX_TOKENS;
  const answer = priceUsage({
    provider: chat.provider,
    model: chat.modelId,
    usage: {
      inputTokens:
        withoutPassages + env.CHAT_RETRIEVAL_LIMIT * (passageTokens + PASSAGE_WRAPPING_TOKENS),
      outputTokens: Math.min(maxOutputTokens, env.CHAT_EXPECTED_OUTPUT_TOKENS),
    },
    at,
  });
  const embedding = env.CHAT_RETRIEVAL_LIMIT
    ? priceUsage({
        provider: priceProvider(embedder.provider),
        model: embedder.modelId,
        usage: { embeddingTokens: countTokens(input.question) },
        at,
      }).microUsd
    : 0n;
  return answer.microUsd + embedding;
}

/**
 * Checks the budget and holds the turn's expected cost, before the question is embedded or the
 * model called: a tenant at its cap gets BUDGET_EXCEEDED and the refused turn spends nothing. A
 * model missing from the price table fails here too, never unmetered.
 */
export async function reserveTurn(
  db: Database,
  tenantId: string,
  input: TurnEstimateInput,
): Promise<Reservation> {
  return reserveBudget(db, tenantId, estimateTurnMicroUsd(input));
}

/** reserveTurn inside the caller's tenant transaction (the turn's first); see holdBudget. */
export async function holdTurnBudget(
  db: Database,
  tx: Tx,
  tenantId: string,
  input: TurnEstimateInput,
): Promise<BudgetHold> {
  return holdBudget(db, tx, tenantId, estimateTurnMicroUsd(input));
}

/** The prompt's input tokens by our count (when the provider reports none). */
export function countPromptTokens(prompt: {
  system: string;
  question: string;
  history: ReadonlyArray<{ content: string }>;
}): number {
  return (
    countTokens(prompt.system) +
    countTokens(prompt.question) +
    prompt.history.reduce((n, m) => n + countTokens(m.content), 0)
  );
}
