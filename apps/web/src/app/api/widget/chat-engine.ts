import { aiChatEngine } from '@platform/api/widget';
import type { ChatEngine } from '@platform/api/widget';
import { db } from '~/server/db';

/**
 * The chat engine behind the widget: @platform/ai's streamChatTurn, with the model and the
 * embeddings its env chooses (offline extractive model and local embeddings by default; the
 * local embedding model is loaded once per process).
 */
export function chatEngine(): ChatEngine {
  return aiChatEngine({ db });
}
