import { z } from 'zod';
import type { CostService } from '@platform/db';
import { dateInput, id } from '../lib/schemas';

const costServices = [
  'vision',
  'voice_stt',
  'voice_tts',
  'llm',
  'embedding',
  'livekit',
] as const satisfies readonly CostService[];

export const costSummaryInput = z
  .strictObject({
    startDate: dateInput,
    /** Exclusive. */
    endDate: dateInput,
    groupBy: z.enum(['day', 'week', 'month']),
  })
  .refine((v) => v.startDate < v.endDate, {
    message: 'The start must be before the end.',
    path: ['startDate'],
  });

export const listCostEventsInput = z
  .strictObject({
    limit: z.number().int().min(1).max(100).default(50),
    cursor: z.string().max(200).optional(),
    service: z.enum(costServices).optional(),
    sessionId: id.optional(),
    /** Inclusive. */
    from: dateInput.optional(),
    /** Exclusive. */
    to: dateInput.optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, {
    message: '`from` must not be after `to`.',
    path: ['from'],
  });
