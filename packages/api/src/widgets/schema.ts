import { z } from 'zod';
import { originListSchema } from '../lib/origin';
import { id } from '../lib/schemas';

const color = z
  .string()
  .max(7)
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'Use a hex colour like #4f46e5.');

/** Every field optional: an update changes only what it names. */
export const widgetSettingsPatch = z.strictObject({
  theme: z.enum(['light', 'dark', 'auto']).optional(),
  position: z.enum(['bottom-right', 'bottom-left']).optional(),
  greeting: z.string().trim().max(500).optional(),
  primaryColor: color.optional(),
  secondaryColor: color.optional(),
  /** The personality answering on this widget; null: the tenant's default. */
  personalityId: id.nullable().optional(),
  /** Shown when a visitor asks for a person, e.g. "Mon-Fri 9:00-17:00 CET". Empty: none. */
  supportHours: z.string().trim().max(200).optional(),
  /** Shown while a visitor waits for a person. Empty: a plain "someone will be with you". */
  awayMessage: z.string().trim().max(500).optional(),
});

export const createWidgetInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  domainWhitelist: originListSchema.default([]),
  settings: widgetSettingsPatch.default({}),
  isActive: z.boolean().default(true),
});

export const updateWidgetInput = z.strictObject({
  id,
  name: z.string().trim().min(1).max(100).optional(),
  domainWhitelist: originListSchema.optional(),
  settings: widgetSettingsPatch.optional(),
  isActive: z.boolean().optional(),
});
