import { z } from 'zod';
import type { sessions } from '@platform/db';
import { dateInput, id, pageInput } from '../lib/schemas';

const sessionModes = ['text', 'meeting'] as const satisfies ReadonlyArray<
  (typeof sessions.$inferSelect)['mode']
>;

export const listSessionsInput = z
  .strictObject({
    ...pageInput,
    widgetId: id.optional(),
    mode: z.enum(sessionModes).optional(),
    from: dateInput.optional(),
    to: dateInput.optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    message: '`from` must not be after `to`.',
    path: ['from'],
  });
