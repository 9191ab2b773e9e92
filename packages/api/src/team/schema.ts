import { z } from 'zod';
import { roleSchema } from '@platform/auth/schemas';
import { id } from '../lib/schemas';

export { acceptInviteInput, inviteInput } from '@platform/auth/schemas';

export const changeRoleInput = z.strictObject({ userId: id, role: roleSchema });
export const removeMemberInput = z.strictObject({ userId: id });
