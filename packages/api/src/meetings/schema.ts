import { z } from 'zod';
import { MAX_INVITE_TTL_MINUTES } from '@platform/meetings';
import { id } from '../lib/schemas';

export const listMeetingsInput = z.strictObject({
  limit: z.number().int().min(1).max(100).default(20),
  /** The last meeting's id, as returned in nextCursor. */
  cursor: z.uuid().optional(),
  status: z.enum(['live', 'ended']).optional(),
});

export const createMeetingInput = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(2000).optional(),
});

export const guestInviteInput = z.strictObject({
  /** The meeting. */
  id,
  /** The name the guest will have in the room; they cannot change it. */
  guestName: z.string().trim().min(1).max(80),
  /** How long the link can be redeemed (a connected guest stays connected after). */
  ttlMinutes: z.number().int().min(1).max(MAX_INVITE_TTL_MINUTES).default(60),
});

export const redeemInviteInput = z.strictObject({
  /** The `invite` parameter of the link: `v1.<payload>.<signature>`, base64url. */
  invite: z
    .string()
    .min(1)
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'Not an invite link.'),
});

export const noInput = z.strictObject({}).optional();
