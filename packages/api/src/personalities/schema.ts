import { z } from 'zod';
import { id, jsonTags } from '../lib/schemas';

const fields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).nullable(),
  systemPrompt: z.string().trim().min(1).max(20_000),
  temperature: z.number().min(0).max(2),
  maxTokens: z.number().int().min(1).max(32_000).nullable(),
  topP: z.number().min(0).max(1).nullable(),
  frequencyPenalty: z.number().min(-2).max(2).nullable(),
  presencePenalty: z.number().min(-2).max(2).nullable(),
  /** e.g. `openai:gpt-4o-mini`; the chat engine falls back to its default when unset. */
  preferredModel: z.string().trim().min(1).max(100).nullable(),
  isActive: z.boolean(),
  metadata: z.strictObject({
    tags: jsonTags.optional(),
    category: z.string().trim().max(50).optional(),
  }),
};

export const createPersonalityInput = z.strictObject({
  name: fields.name,
  description: fields.description.optional(),
  systemPrompt: fields.systemPrompt,
  temperature: fields.temperature.default(0.7),
  maxTokens: fields.maxTokens.optional(),
  topP: fields.topP.optional(),
  frequencyPenalty: fields.frequencyPenalty.optional(),
  presencePenalty: fields.presencePenalty.optional(),
  preferredModel: fields.preferredModel.optional(),
  isActive: fields.isActive.default(true),
  metadata: fields.metadata.optional(),
  /** The tenant's first personality becomes the default regardless. */
  isDefault: z.boolean().default(false),
});

export const updatePersonalityInput = z.strictObject({
  id,
  name: fields.name.optional(),
  description: fields.description.optional(),
  systemPrompt: fields.systemPrompt.optional(),
  temperature: fields.temperature.optional(),
  maxTokens: fields.maxTokens.optional(),
  topP: fields.topP.optional(),
  frequencyPenalty: fields.frequencyPenalty.optional(),
  presencePenalty: fields.presencePenalty.optional(),
  preferredModel: fields.preferredModel.optional(),
  isActive: fields.isActive.optional(),
  metadata: fields.metadata.optional(),
});

/** Longest test-chat message, and how much earlier chat it may carry (the engine sends the last few). */
export const TRY_CHAT_MAX_CHARS = 4000;
export const TRY_CHAT_MAX_HISTORY = 10;

/**
 * "Try it in a test chat": the saved personality (`personalityId`), the form's current values
 * (`draft`, unsaved edits included) laid over it, or a draft alone for a personality not yet saved.
 */
export const tryChatInput = z.strictObject({
  personalityId: id.optional(),
  draft: z
    .strictObject({
      systemPrompt: fields.systemPrompt.optional(),
      temperature: fields.temperature.optional(),
      maxTokens: fields.maxTokens.optional(),
      topP: fields.topP.optional(),
      frequencyPenalty: fields.frequencyPenalty.optional(),
      presencePenalty: fields.presencePenalty.optional(),
      preferredModel: fields.preferredModel.optional(),
    })
    .optional(),
  message: z.string().trim().min(1, 'Type a message.').max(TRY_CHAT_MAX_CHARS),
  history: z
    .array(
      z.strictObject({
        role: z.enum(['user', 'assistant']),
        content: z.string().max(TRY_CHAT_MAX_CHARS),
      }),
    )
    .max(TRY_CHAT_MAX_HISTORY)
    .optional(),
});
