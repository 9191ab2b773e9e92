import { z } from 'zod';
import { id } from '../lib/schemas';

/** The window every insight is computed over: the last `days` days, today (UTC) included. */
const days = z.number().int().min(1).max(90).default(30);

export const unansweredInput = z.strictObject({ days }).default({ days: 30 });

export const ratesInput = z.strictObject({ days, widgetId: id.optional() }).default({ days: 30 });

/** The admin's answer to a group of questions, saved as a knowledge document. */
export const answerInput = z.strictObject({
  question: z.string().trim().min(1).max(1000),
  answer: z.string().trim().min(1).max(20_000),
  title: z.string().trim().min(1).max(300).optional(),
});
