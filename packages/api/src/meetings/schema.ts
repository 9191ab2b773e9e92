import { z } from 'zod';
import { MAX_INVITE_TTL_MINUTES } from '@platform/meetings';
import { id } from '../lib/schemas';

export { createMeetingInput, listMeetingsInput, noInput, redeemInviteInput } from './form-schema';

export const guestInviteInput = z.strictObject({
  /** The meeting. */
  id,
  /** The name the guest will have in the room; they cannot change it. */
  guestName: z.string().trim().min(1).max(80),
  /** How long the link can be redeemed (a connected guest stays connected after). */
  ttlMinutes: z.number().int().min(1).max(MAX_INVITE_TTL_MINUTES).default(60),
});
