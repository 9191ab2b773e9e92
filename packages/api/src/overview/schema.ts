import { z } from 'zod';

/** No input: the period is always the current calendar month (UTC), like the budget. */
export const overviewStatsInput = z.strictObject({}).optional();
