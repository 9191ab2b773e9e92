import { z } from 'zod';

/**
 * The meetings inputs that are pure zod, for the browser (`@platform/api/schemas`). Kept apart
 * from ./schema because the guest-invite input there reads its cap from @platform/meetings,
 * which is server code (LiveKit SDK, env) and must not reach the dashboard's bundle.
 */
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

export const redeemInviteInput = z.strictObject({
  /** The `invite` parameter of the link: `v1.<payload>.<signature>`, base64url. */
  invite: z
    .string()
    .min(1)
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'Not an invite link.'),
});

export const noInput = z.strictObject({}).optional();
