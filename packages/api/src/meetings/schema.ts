import { z } from 'zod';

export const listMeetingsInput = z.strictObject({
  limit: z.number().int().min(1).max(100).default(20),
  /** The last meeting's id, as returned in nextCursor. */
  cursor: z.uuid().optional(),
  status: z.enum(['live', 'ended']).optional(),
});
