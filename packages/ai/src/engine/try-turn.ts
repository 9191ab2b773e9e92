import { microToUsd, recordCostEvent, type Usage } from '@platform/costs';
import type { Database, Tx } from '@platform/db';
import { AppError, isAppError } from '@platform/errors';
import { countTokens, createEmbeddingProvider, recordEmbeddingCost } from '@platform/rag';
import { readAiEnv } from '../env';
import type { ChatModel } from '../providers/registry';
import { streamAnswer } from './answer-stream';
import type { AnswerOutcome } from '../extractive/outcome';
import type { TurnPersonality } from './context';
import { describeFailure } from './failure';
import { buildPrompt, type HistoryMessage } from './prompt';
import {
  countedOnce,
  pickModel,
  retrieve,
  usageOf,
  type ChatEngineDeps,
  type TurnState,
} from './stream-turn';
import { countPromptTokens, reserveTurn } from './turn-budget';
import type { ChatSource, ChatUsage } from './types';

/** A dashboard test chat: a personality (saved or a draft) answering without a conversation. */
export interface TryTurnInput {
  tenantId: string;
  personality: TurnPersonality;
  /** Earlier turns of the test chat, oldest first; only the last CHAT_HISTORY_MESSAGES are sent. */
  history?: HistoryMessage[];
  content: string;
  /**
   * Added to every cost event of the turn, so the spend can be told apart from visitors', e.g.
   * `{ source: 'playground', userId, personalityId }`.
   */
  costMetadata?: Record<string, unknown>;
  signal?: AbortSignal;
}

export interface TryTurnResult {
  answer: string;
  sources: ChatSource[];
  model: string;
  provider: string;
  usage: ChatUsage;
  /** Exact decimal USD (6 places): answer plus question embedding. */
  costUsd: string;
  latencyMs: number;
  /** Whether retrieval found anything relevant to the question. */
  outcome: AnswerOutcome;
}

/**
 * The same turn as streamChatTurn (retrieval, prompt, budget reservation, model, metering), for
 * the dashboard's "try it" panel: nothing is stored but money. No session or message is created,
 * so it never shows up among visitor conversations; its `llm` and `embedding` cost events have no
 * session and carry `costMetadata`; they count against the budget like any other call, and the
 * hard cap refuses the turn (AppError BUDGET_EXCEEDED) before any paid call (nothing is spent).
 *
 * Throws on failure: BAD_INPUT for an empty or oversize message, BUDGET_EXCEEDED, and UNAVAILABLE
 * (with a readable reason) when the model fails. Tokens a failed call may have used are still
 * recorded, as an estimate. Holds no transaction during retrieval or the model call.
 */
export async function runTryTurn(
  deps: ChatEngineDeps,
  input: TryTurnInput,
): Promise<TryTurnResult> {
  const env = deps.env ?? readAiEnv();
  const content = input.content.trim();
  if (!content) throw new AppError('BAD_INPUT', 'Type a message.');
  if (content.length > env.CHAT_MAX_INPUT_CHARS) {
    throw new AppError(
      'BAD_INPUT',
      `Messages are limited to ${env.CHAT_MAX_INPUT_CHARS} characters.`,
    );
  }
  const history = env.CHAT_HISTORY_MESSAGES
    ? (input.history ?? []).slice(-env.CHAT_HISTORY_MESSAGES)
    : [];
  const { db, tenantId, personality } = { db: deps.db, ...input };
  const meta = input.costMetadata ?? {};

  const chat = pickModel(deps, personality);
  const state: TurnState = {
    text: '',
    sources: [],
    embeddingTokens: 0,
    modelCalled: false,
    promptTokens: () => 0,
    outcome: 'no-relevant-source',
  };
  const embedder = deps.embedder ?? createEmbeddingProvider();
  // Before the question is embedded: a refused turn spends nothing.
  state.reservation = await reserveTurn(db, tenantId, {
    chat,
    embedder,
    personality,
    question: content,
    history,
    env,
  });

  try {
    const passages = await retrieve(
      db,
      tenantId,
      content,
      embedder,
      env.CHAT_RETRIEVAL_LIMIT,
      state,
    );
    state.embedder = embedder;
    const prompt = buildPrompt({ personality, passages, history, question: content });
    const maxOutputTokens = personality.maxTokens ?? env.CHAT_DEFAULT_MAX_TOKENS;
    state.promptTokens = countedOnce(() =>
      countPromptTokens({ system: prompt.system, question: content, history }),
    );

    const started = performance.now();
    state.modelCalled = true;
    const answer = streamAnswer({
      chat,
      prompt,
      personality,
      passages,
      maxOutputTokens,
      timeoutMs: env.LLM_TIMEOUT_MS,
      signals: input.signal ? [input.signal] : [],
    });
    let next = await answer.next();
    for (; !next.done; next = await answer.next()) state.text += next.value;
    const usage = next.value;
    const latencyMs = Math.round(performance.now() - started);

    const tokens = usageOf(usage, state);
    const costUsd = await db.withTenant(tenantId, async (tx) => {
      const llm = await recordLlm(tx, tenantId, chat, tokens.units, {
        ...meta,
        ...(tokens.estimated ? { estimated: true } : {}),
      });
      const embeddingMicro = await recordEmbedding(tx, tenantId, state, meta);
      await state.reservation!.settle(tx, llm + embeddingMicro);
      return microToUsd(llm + embeddingMicro);
    });
    return {
      answer: state.text,
      sources: state.sources,
      model: chat.modelId,
      provider: chat.provider,
      usage: tokens.usage,
      costUsd,
      latencyMs,
      outcome: state.outcome,
    };
  } catch (error) {
    await settleFailure(db, tenantId, chat, state, meta);
    if (isAppError(error)) throw error;
    // The dashboard's admin sees the precise reason (never a secret), not the visitor's wording.
    throw new AppError('UNAVAILABLE', describeFailure(error, chat.provider).detail, {
      cause: error,
    });
  }
}

async function recordLlm(
  tx: Tx,
  tenantId: string,
  chat: ChatModel,
  units: Usage,
  metadata: Record<string, unknown>,
): Promise<bigint> {
  const recorded = await recordCostEvent(tx, {
    tenantId,
    service: 'llm',
    provider: chat.provider,
    model: chat.modelId,
    units,
    metadata: { ...metadata, operation: 'chat' },
  });
  return recorded.microUsd;
}

async function recordEmbedding(
  tx: Tx,
  tenantId: string,
  state: TurnState,
  metadata: Record<string, unknown>,
): Promise<bigint> {
  if (!state.embedder || state.embeddingRecorded) return 0n;
  state.embeddingRecorded = true;
  const recorded = await recordEmbeddingCost(tx, {
    tenantId,
    provider: state.embedder.provider,
    model: state.embedder.modelId,
    tokens: state.embeddingTokens,
    operation: 'query',
    metadata,
  });
  return recorded.microUsd;
}

/** A refused or failed turn still pays for what it used: the question's embedding, and an
 * estimate of a started model call. An unused reservation is freed. */
async function settleFailure(
  db: Database,
  tenantId: string,
  chat: ChatModel,
  state: TurnState,
  metadata: Record<string, unknown>,
): Promise<void> {
  try {
    await db.withTenant(tenantId, async (tx) => {
      await recordEmbedding(tx, tenantId, state, metadata);
      if (state.modelCalled) {
        const units = { inputTokens: state.promptTokens(), outputTokens: countTokens(state.text) };
        const llm = await recordLlm(tx, tenantId, chat, units, {
          ...metadata,
          estimated: true,
          failed: true,
        });
        await state.reservation?.settle(tx, llm);
      }
    });
    if (!state.modelCalled) await state.reservation?.release();
  } catch (error) {
    // Not recorded (database down): the reservation expires on its own.
    console.error('Could not record a failed test chat turn', error);
  }
}
