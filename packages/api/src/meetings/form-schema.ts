import { z } from 'zod';
import { id } from '../lib/schemas';

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

/**
 * A guest invite for one meeting. The longest lifetime is @platform/meetings' cap (server code),
 * so it is a parameter: the API passes the constant, the dashboard the value it was told
 * (meetings.settings.maxGuestInviteMinutes).
 */
export function guestInviteSchema(maxTtlMinutes: number) {
  return z.strictObject({
    /** The meeting. */
    id,
    /** The name the guest will have in the room; they cannot change it. */
    guestName: z.string().trim().min(1).max(80),
    /** How long the link can be redeemed (a connected guest stays connected after). */
    ttlMinutes: z.number().int().min(1).max(maxTtlMinutes).default(60),
  });
}

export const redeemInviteInput = z.strictObject({
  /** The `invite` parameter of the link: `v1.<payload>.<signature>`, base64url. */
  invite: z
    .string()
    .min(1)
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'Not an invite link.'),
});

export const noInput = z.strictObject({}).optional();
