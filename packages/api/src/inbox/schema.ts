import { z } from 'zod';
import { id } from '../lib/schemas';

/** Longest reply or note: a chat message, not a document (the widget's own limit is lower). */
export const MAX_REPLY_CHARS = 4000;

/** `{}` or a page size: the inbox holds open conversations only, so one page is the usual case. */
export const listInboxInput = z
  .strictObject({ limit: z.number().int().min(1).max(200).default(100) })
  .default({ limit: 100 });

export const sessionInput = z.strictObject({ sessionId: id });

export const replyInput = z.strictObject({
  sessionId: id,
  content: z.string().trim().min(1).max(MAX_REPLY_CHARS),
});

export const noteInput = replyInput;
