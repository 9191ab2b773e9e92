import { z } from 'zod';
import { originListSchema } from '../lib/origin';

const money = z
  .number()
  .min(0)
  .max(10_000_000)
  .transform((v) => Math.round(v * 100) / 100);

export const tenantSettingsPatch = z
  .strictObject({
    /** Hard monthly cap in USD; null removes it. */
    maxMonthlySpend: money.nullable(),
    allowedDomains: originListSchema,
    features: z
      .array(
        z
          .string()
          .max(40)
          .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Use lower-case letters, digits and dashes.'),
      )
      .max(20)
      .transform((list) => [...new Set(list)]),
    budgets: z
      .strictObject({
        daily: money.nullable(),
        weekly: money.nullable(),
        monthly: money.nullable(),
        warningAt: z.number().gt(0).max(1).nullable(),
      })
      .partial(),
    alertWebhookUrl: z
      .string()
      .trim()
      .max(2000)
      .pipe(z.url({ protocol: /^https?$/ }))
      .nullable(),
    /** Least role that may take a conversation waiting for a person; null: any member. */
    handoffClaimRole: z.enum(['member', 'admin', 'owner']).nullable(),
  })
  .partial();

export const updateTenantInput = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  settings: tenantSettingsPatch.optional(),
});

export const deleteTenantInput = z.strictObject({
  /** Must equal the tenant's name exactly: a typed confirmation. */
  confirmName: z.string().max(100),
});
