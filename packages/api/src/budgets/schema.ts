import { z } from 'zod';

export const listAlertsInput = z.strictObject({
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  resolved: z.boolean().optional(),
});
