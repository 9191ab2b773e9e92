import { z } from 'zod';
import type { sessions } from '@platform/db';
import { dateInput, id, pageInput } from '../lib/schemas';

/** Longest search accepted: a few words, not a document. */
export const MAX_SEARCH_CHARS = 200;

const sessionModes = ['text', 'meeting'] as const satisfies ReadonlyArray<
  (typeof sessions.$inferSelect)['mode']
>;

export const listSessionsInput = z
  .strictObject({
    ...pageInput,
    /**
     * Words the conversation's messages contain (Postgres full-text, English stemming, web-search
     * syntax: "quoted phrase", -excluded, or). Blank means no search.
     */
    search: z.string().trim().max(MAX_SEARCH_CHARS).optional(),
    widgetId: id.optional(),
    mode: z.enum(sessionModes).optional(),
    from: dateInput.optional(),
    to: dateInput.optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    message: '`from` must not be after `to`.',
    path: ['from'],
  });
