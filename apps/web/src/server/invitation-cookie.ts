import { cookies, headers } from 'next/headers';

/**
 * An invitee who picks "Continue with Google" leaves for the provider and comes back to Auth.js'
 * callback, where the new user is created (packages/auth adapter). This cookie carries the
 * invitation across that round trip: httpOnly, SameSite=Lax (sent on the provider's redirect
 * back), 15 minutes, and taken once.
 */
const NAME = 'platform-invite';

export async function rememberInvitation(token: string): Promise<void> {
  // Secure over https, as Auth.js decides for its own cookies (the browser's origin says which).
  const origin = (await headers()).get('origin') ?? '';
  (await cookies()).set(NAME, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: origin.startsWith('https:'),
    path: '/api/auth',
    maxAge: 15 * 60,
  });
}

/** The invitation being accepted, if any; cleared so a later sign-up is not taken for it. */
export async function takeInvitationToken(): Promise<string | undefined> {
  const jar = await cookies();
  const token = jar.get(NAME)?.value;
  if (token) jar.delete({ name: NAME, path: '/api/auth' });
  return token;
}
