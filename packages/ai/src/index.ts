export { streamChatTurn } from './engine/stream-turn';
export type { ChatEngineDeps } from './engine/stream-turn';
export { runTryTurn } from './engine/try-turn';
export { ABANDONED_ANSWER_REASON, failAbandonedAnswers } from './engine/abandoned';
export type { TryTurnInput, TryTurnResult } from './engine/try-turn';
export type {
  ChatEvent,
  ChatFailureCode,
  ChatSource,
  ChatTurnInput,
  ChatUsage,
} from './engine/types';
export { buildPrompt } from './engine/prompt';
export { FALLBACK_PERSONALITY, toPersonality } from './engine/context';
export type { TurnPersonality } from './engine/context';
export type { HistoryMessage } from './engine/prompt';
export { resolveChatModel } from './providers/registry';
export type { ChatModel } from './providers/registry';
export {
  createExtractiveModel,
  EXTRACTIVE_MODEL_ID,
  EXTRACTIVE_PROVIDER,
} from './extractive/model';
export { composeExtractiveAnswer, NO_ANSWER } from './extractive/compose';
export type { Passage } from './extractive/compose';
export { readAiEnv } from './env';
export type { AiEnv } from './env';
export { judgeEvidence, RELEVANCE_THRESHOLD } from './extractive/outcome';
export type { AnswerOutcome, Judgement } from './extractive/outcome';
export { scoreEvidence } from './extractive/evidence';
export type { Evidence, ScoredSentence } from './extractive/evidence';
export { terms } from './extractive/terms';
