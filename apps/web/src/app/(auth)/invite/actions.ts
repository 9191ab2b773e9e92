'use server';

import { enabledProviders } from '@platform/auth';
import { z } from 'zod';
import { signIn } from '~/server/auth';
import { rememberInvitation } from '~/server/invitation-cookie';

const input = z.object({
  token: z.string().min(1).max(200),
  provider: z.enum(['google', 'microsoft-entra-id']),
});

/**
 * Accepts an invitation through an OAuth provider: remembers the invitation for the callback,
 * then leaves for the provider. Back at the callback, a first sign-in joins the inviting tenant
 * when the provider's email is the invited one (packages/auth acceptInvitationWithOAuth).
 */
export async function acceptWithProvider(token: string, provider: string): Promise<void> {
  const parsed = input.safeParse({ token, provider });
  if (!parsed.success || !enabledProviders().includes(parsed.data.provider)) {
    throw new Error('This sign-in method is not available.');
  }
  await rememberInvitation(parsed.data.token);
  await signIn(parsed.data.provider, { redirectTo: '/overview' });
}
