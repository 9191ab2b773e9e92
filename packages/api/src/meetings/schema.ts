import { MAX_INVITE_TTL_MINUTES } from '@platform/meetings';
import { guestInviteSchema } from './form-schema';

export { createMeetingInput, listMeetingsInput, noInput, redeemInviteInput } from './form-schema';

export const guestInviteInput = guestInviteSchema(MAX_INVITE_TTL_MINUTES);
