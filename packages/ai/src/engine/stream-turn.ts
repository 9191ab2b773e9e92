import {
  microToUsd,
  recordCostEvent,
  recordCostEvents,
  type CostEventInput,
  type Reservation,
  type Usage,
} from '@platform/costs';
import {
  messages,
  type Database,
  type MessageMetadata,
  type MessageSource,
  type Tx,
} from '@platform/db';
import { AppError } from '@platform/errors';
import {
  countTokens,
  createEmbeddingProvider,
  hybridSearch,
  embeddingCostInput,
  nothingRelated,
  type EmbeddingProvider,
} from '@platform/rag';
import type { LanguageModelUsage } from 'ai';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { readAiEnv, type AiEnv } from '../env';
import type { Passage } from '../extractive/compose';
import { judgeEvidence, type AnswerOutcome } from '../extractive/outcome';
import { resolveChatModel, type ChatModel } from '../providers/registry';
import { loadTurnContext, type TurnPersonality } from './context';
import { streamAnswer } from './answer-stream';
import { cachingQueryEmbeddings, timedEmbeddings } from './query-embeddings';
import { describeFailure, TurnInterruptedError } from './failure';
import { buildPrompt } from './prompt';
import { countPromptTokens, holdTurnBudget } from './turn-budget';
import type { ChatEvent, ChatSource, ChatTurnInput, ChatUsage } from './types';

export interface ChatEngineDeps {
  db: Database;
  /** Embeds the question for retrieval; defaults to EMBEDDING_PROVIDER's. */
  embedder?: EmbeddingProvider;
  /** A fixed model (tests, playground), or a resolver given the personality's preferred model. */
  chatModel?: ChatModel | ((preferredModel: string | null) => ChatModel);
  env?: AiEnv;
}

/** Stored and shown per source; the model gets the whole chunk. */
const EXCERPT_CHARS = 500;

/**
 * One chat turn, as an async iterable of events (see ChatEvent):
 *
 * 1. stores the visitor's message (its own short transaction) and yields `user-message`;
 * 2. reserves the turn's expected cost before any paid call (a refusal ends the turn politely,
 *    having spent nothing);
 * 3. retrieves passages with hybrid search and yields `sources`;
 * 4. stores a `streaming` assistant message, then streams the model with no transaction open,
 *    yielding `delta`s;
 * 5. in one short transaction: the final message (sources, model, tokens, latency, cost), the
 *    `llm` and `embedding` cost events (which also add to the session's cost) and the settled
 *    reservation; yields `done`.
 *
 * Input errors (bad ids, unknown or ended session) throw AppError before anything is stored.
 * Anything after step 1 (model error, cut stream, timeout, the caller abandoning the iteration)
 * leaves the assistant message stored with status `failed` and a readable `failureReason`.
 */
export async function* streamChatTurn(
  deps: ChatEngineDeps,
  input: ChatTurnInput,
): AsyncGenerator<ChatEvent, void, undefined> {
  const env = deps.env ?? readAiEnv();
  const turn = parseInput(input, env);
  const { db, tenantId } = { db: deps.db, tenantId: turn.tenantId };

  const embedder = deps.embedder ?? defaultEmbedder();
  const { context, chat, userMessageId, assistantId, hold } = await openTurn(
    deps,
    turn,
    env,
    embedder,
  );
  turn.timer?.lap('context');
  yield { type: 'user-message', messageId: userMessageId };

  const state: TurnState = {
    text: '',
    sources: [],
    embeddingTokens: 0,
    modelCalled: false,
    promptTokens: () => 0,
    outcome: 'no-relevant-source',
    assistantId,
  };
  const stop = new AbortController();
  let settled = false;
  try {
    // Checked and held in openTurn's transaction, before the question is embedded: a refused
    // turn spends nothing (and its question and the alert are stored).
    state.reservation = hold.afterCommit();
    const passages = await retrieve(
      db,
      tenantId,
      turn.content,
      timedEmbeddings(embedder, turn.timer),
      env.CHAT_RETRIEVAL_LIMIT,
      state,
    );
    state.embedder = embedder;
    turn.timer?.lap('search');
    yield { type: 'sources', sources: state.sources };

    const prompt = buildPrompt({
      personality: context.personality,
      passages,
      history: context.history,
      question: turn.content,
    });
    const maxOutputTokens = context.personality.maxTokens ?? env.CHAT_DEFAULT_MAX_TOKENS;
    state.promptTokens = countedOnce(() =>
      countPromptTokens({
        system: prompt.system,
        question: turn.content,
        history: context.history,
      }),
    );

    const started = performance.now();
    state.modelCalled = true;
    const answer = streamAnswer({
      chat,
      prompt,
      personality: context.personality,
      passages,
      maxOutputTokens,
      timeoutMs: env.LLM_TIMEOUT_MS,
      signals: [stop.signal, ...(turn.signal ? [turn.signal] : [])],
    });
    let next = await answer.next();
    turn.timer?.lap('first-delta');
    for (; !next.done; next = await answer.next()) {
      state.text += next.value;
      yield { type: 'delta', text: next.value };
    }
    const usage = next.value;
    const latencyMs = Math.round(performance.now() - started);

    turn.timer?.lap('stream');
    const tokens = usageOf(usage, state);
    const done = await db.withTenant(tenantId, async (tx) => {
      // Both cost events in one go (one round trip), then the reservation settled and the answer
      // completed, sent together.
      const embedding = queryEmbeddingCost(tenantId, turn.sessionId, state);
      const [llm, embedded] = await recordCostEvents(tx, [
        {
          tenantId,
          sessionId: turn.sessionId,
          service: 'llm',
          provider: chat.provider,
          model: chat.modelId,
          units: tokens.units,
          metadata: {
            operation: 'chat',
            messageId: state.assistantId,
            ...(tokens.estimated ? { estimated: true } : {}),
          },
        },
        ...(embedding ? [embedding] : []),
      ]);
      const spentMicro = llm!.microUsd + (embedded?.microUsd ?? 0n);
      const costUsd = microToUsd(spentMicro);
      await Promise.all([
        state.reservation!.settle(tx, spentMicro),
        tx
          .update(messages)
          .set({
            content: state.text,
            metadata: {
              status: 'complete',
              model: chat.modelId,
              inputTokens: tokens.usage.inputTokens + tokens.usage.cachedInputTokens,
              outputTokens: tokens.usage.outputTokens,
              tokensUsed: tokens.usage.totalTokens,
              costUsd: Number(costUsd),
              latencyMs,
              sources: state.sources.map(toStoredSource),
              answerOutcome: state.outcome,
            } satisfies MessageMetadata,
          })
          .where(eq(messages.id, state.assistantId!)),
      ]);
      return { costUsd };
    });
    settled = true;
    turn.timer?.lap('final-write');
    yield {
      type: 'done',
      messageId: assistantId,
      model: chat.modelId,
      usage: tokens.usage,
      costUsd: done.costUsd,
      latencyMs,
      outcome: state.outcome,
    };
  } catch (error) {
    const failure = describeFailure(error, chat.provider);
    const messageId = await storeFailure(db, tenantId, turn.sessionId, chat, state, failure.detail);
    settled = true;
    yield { type: 'error', messageId, code: failure.code, reason: failure.reason };
  } finally {
    if (!settled) {
      // The caller stopped iterating (the visitor left): stop the model, record what happened.
      stop.abort(new TurnInterruptedError());
      await storeFailure(
        db,
        tenantId,
        turn.sessionId,
        chat,
        state,
        new TurnInterruptedError().message,
      );
    }
  }
}

/**
 * The turn's first transaction: checks the session and loads its context (loadTurnContext),
 * stores the visitor's message and the answer's `streaming` placeholder (which the final write
 * completes or storeFailure marks failed), and checks and holds the turn's expected cost
 * (holdTurnBudget; a refusal is thrown once this has committed). One transaction for all saves
 * rounds of BEGIN, tenant setup and COMMIT per turn; the placeholder is stamped with the clock,
 * after the question.
 */
async function openTurn(
  deps: ChatEngineDeps,
  turn: ChatTurnInput,
  env: AiEnv,
  embedder: EmbeddingProvider,
) {
  return deps.db.withTenant(turn.tenantId, async (tx) => {
    const context = await loadTurnContext(tx, turn, env.CHAT_HISTORY_MESSAGES);
    const chat = pickModel(deps, context.personality);
    const base = { tenantId: turn.tenantId, sessionId: turn.sessionId };
    // Both rows in one statement (RETURNING follows the VALUES order), sent with the budget's
    // statements.
    const [[question, answer], hold] = await Promise.all([
      tx
        .insert(messages)
        .values([
          { ...base, role: 'user', content: turn.content, metadata: {} },
          {
            ...base,
            role: 'assistant',
            content: '',
            metadata: { status: 'streaming', model: chat.modelId, sources: [] },
            timestamp: sql`clock_timestamp()`,
          },
        ])
        .returning({ id: messages.id, role: messages.role }),
      holdTurnBudget(deps.db, tx, turn.tenantId, {
        chat,
        embedder,
        personality: context.personality,
        question: turn.content,
        history: context.history,
        env,
      }),
    ]);
    if (question?.role !== 'user' || answer?.role !== 'assistant')
      throw new Error("The turn's messages came back out of order.");
    return { context, chat, userMessageId: question.id, assistantId: answer.id, hold };
  });
}

/** Shared with try-turn.ts (the dashboard's test chat), which runs the same steps without a session. */
export interface TurnState {
  text: string;
  sources: ChatSource[];
  embedder?: EmbeddingProvider;
  embeddingTokens: number;
  modelCalled: boolean;
  /** The prompt's input tokens by our count: counted on first use, as providers usually report them. */
  promptTokens: () => number;
  reservation?: Reservation;
  assistantId?: string;
  embeddingRecorded?: boolean;
  /** Whether retrieval found anything relevant to the question (set by retrieve). */
  outcome: AnswerOutcome;
}

const inputSchema = (env: AiEnv) =>
  z.object({
    tenantId: z.string().uuid(),
    sessionId: z.string().uuid(),
    widgetId: z.string().uuid().optional(),
    personalityId: z.string().uuid().optional(),
    content: z
      .string()
      .trim()
      .min(1, 'Type a message.')
      .max(
        env.CHAT_MAX_INPUT_CHARS,
        `Messages are limited to ${env.CHAT_MAX_INPUT_CHARS} characters.`,
      ),
  });

function parseInput(input: ChatTurnInput, env: AiEnv): ChatTurnInput {
  const parsed = inputSchema(env).safeParse(input);
  if (!parsed.success) {
    throw new AppError('BAD_INPUT', parsed.error.issues[0]?.message ?? 'Invalid message.', {
      details: { fields: parsed.error.issues.map((i) => i.path.join('.')) },
    });
  }
  return { ...parsed.data, signal: input.signal, timer: input.timer };
}

let sharedEmbedder: EmbeddingProvider | undefined;

/** EMBEDDING_PROVIDER's provider, made once per process, with its query embeddings cached. */
function defaultEmbedder(): EmbeddingProvider {
  sharedEmbedder ??= cachingQueryEmbeddings(createEmbeddingProvider());
  return sharedEmbedder;
}

export function pickModel(deps: ChatEngineDeps, personality: TurnPersonality): ChatModel {
  if (typeof deps.chatModel === 'function') return deps.chatModel(personality.preferredModel);
  return deps.chatModel ?? resolveChatModel(personality.preferredModel, deps.env);
}

export async function retrieve(
  db: Database,
  tenantId: string,
  question: string,
  embedder: EmbeddingProvider,
  limit: number,
  state: TurnState,
): Promise<Passage[]> {
  if (limit === 0) {
    state.outcome = judgeEvidence(question, []).outcome;
    return [];
  }
  const found = await hybridSearch(db, tenantId, question, { embedder, limit });
  const { embedding } = found;
  state.embeddingTokens = embedding.tokens;
  // No chunk near the question in meaning: the words it shares with them are coincidence, so the
  // answerer gets nothing and says it has no answer (no sources shown either).
  const hits = nothingRelated(found.hits, embedder) ? [] : found.hits;
  state.sources = hits.map((hit, i) => ({
    index: i + 1,
    chunkId: hit.chunkId,
    documentId: hit.documentId,
    title: hit.documentTitle,
    ...(hit.documentUrl ? { url: hit.documentUrl } : {}),
    excerpt:
      hit.content.length > EXCERPT_CHARS
        ? `${hit.content.slice(0, EXCERPT_CHARS - 1)}…`
        : hit.content,
  }));
  const passages = hits.map((hit, i) => ({
    index: i + 1,
    title: hit.documentTitle,
    content: hit.content,
  }));
  state.outcome = judgeEvidence(question, passages).outcome;
  return passages;
}

/** `count`, run on the first call only. */
export function countedOnce(count: () => number): () => number {
  let value: number | undefined;
  return () => (value ??= count());
}

/** Provider-reported tokens when present; otherwise our own count, flagged as an estimate. */
export function usageOf(
  usage: LanguageModelUsage,
  state: TurnState,
): { units: Usage; usage: ChatUsage; estimated: boolean } {
  const estimated = usage.inputTokens === undefined || usage.outputTokens === undefined;
  const input = usage.inputTokens ?? state.promptTokens();
  const cached = usage.inputTokenDetails?.cacheReadTokens ?? 0;
  const output = usage.outputTokens ?? countTokens(state.text);
  const uncached = usage.inputTokenDetails?.noCacheTokens ?? Math.max(0, input - cached);
  return {
    units: { inputTokens: uncached, cachedInputTokens: cached, outputTokens: output },
    usage: {
      inputTokens: uncached,
      cachedInputTokens: cached,
      outputTokens: output,
      totalTokens: uncached + cached + output,
      embeddingTokens: state.embeddingTokens,
    },
    estimated,
  };
}

async function recordQueryEmbedding(tx: Tx, tenantId: string, sessionId: string, state: TurnState) {
  const input = queryEmbeddingCost(tenantId, sessionId, state);
  if (!input) return 0n;
  return (await recordCostEvent(tx, input)).microUsd;
}

/** The query embedding's cost event, once per turn (undefined when not embedded or recorded). */
function queryEmbeddingCost(
  tenantId: string,
  sessionId: string,
  state: TurnState,
): CostEventInput | undefined {
  if (!state.embedder || state.embeddingRecorded) return undefined;
  state.embeddingRecorded = true;
  return embeddingCostInput({
    tenantId,
    sessionId,
    provider: state.embedder.provider,
    model: state.embedder.modelId,
    tokens: state.embeddingTokens,
    operation: 'query',
  });
}

/**
 * Stores the failed answer (partial text, readable reason) and settles the money: tokens a
 * started model call may have used are recorded as an estimate; an unused reservation is freed.
 */
async function storeFailure(
  db: Database,
  tenantId: string,
  sessionId: string,
  chat: ChatModel,
  state: TurnState,
  failureReason: string,
): Promise<string> {
  const metadata: MessageMetadata = {
    status: 'failed',
    failureReason,
    model: chat.modelId,
    sources: state.sources.map(toStoredSource),
  };
  try {
    const messageId = await db.withTenant(tenantId, async (tx) => {
      let llmMicro = 0n;
      if (state.modelCalled) {
        const promptTokens = state.promptTokens();
        const outputTokens = countTokens(state.text);
        const llm = await recordCostEvent(tx, {
          tenantId,
          sessionId,
          service: 'llm',
          provider: chat.provider,
          model: chat.modelId,
          units: { inputTokens: promptTokens, outputTokens },
          metadata: {
            operation: 'chat',
            messageId: state.assistantId,
            estimated: true,
            failed: true,
          },
        });
        llmMicro = llm.microUsd;
        Object.assign(metadata, {
          inputTokens: promptTokens,
          outputTokens,
          tokensUsed: promptTokens + outputTokens,
        });
      }
      const embeddingMicro = await recordQueryEmbedding(tx, tenantId, sessionId, state);
      metadata.costUsd = Number(microToUsd(llmMicro + embeddingMicro));
      if (state.modelCalled) await state.reservation?.settle(tx, llmMicro);
      if (state.assistantId) {
        await tx
          .update(messages)
          .set({ content: state.text, metadata })
          .where(eq(messages.id, state.assistantId));
        return state.assistantId;
      }
      const [row] = await tx
        .insert(messages)
        .values({ tenantId, sessionId, role: 'assistant', content: state.text, metadata })
        .returning({ id: messages.id });
      return row!.id;
    });
    state.assistantId = messageId;
    if (!state.modelCalled) await state.reservation?.release();
    return messageId;
  } catch (error) {
    // The failure could not be recorded (database down): the reservation expires on its own.
    console.error('Could not store a failed chat turn', error);
    return state.assistantId ?? '';
  }
}

function toStoredSource(source: ChatSource): MessageSource {
  const { index: _index, ...stored } = source;
  return stored;
}
