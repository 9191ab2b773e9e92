import { z } from 'zod';
import type { UserRole } from '@platform/db';
import { isCommonPassword } from './passwords';

/**
 * Input schemas shared with the dashboard's forms. Pure zod, no server imports: safe in a browser
 * bundle (`@platform/auth/schemas`).
 */

/** Trimmed and lower-cased before the format check, as stored (see normalizeEmail). */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/**
 * Every place a password is set (sign-up, accepting an invitation) uses this, so the form shows
 * the same message the server enforces. The common-password list (a few KB) ships with it.
 */
export const passwordSchema = z
  .string()
  .min(8, 'Use at least 8 characters.')
  .max(200)
  .refine(
    (password) => !isCommonPassword(password),
    'This is one of the most common passwords, which are guessed first. Choose another.',
  );

export const roleSchema = z.enum([
  'owner',
  'admin',
  'member',
] as const satisfies readonly UserRole[]);

// Not strict: Auth.js hands `authorize` the whole form (csrfToken, callbackUrl, ...).
export const credentialsInput = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});
export type CredentialsInput = z.infer<typeof credentialsInput>;

export const signUpInput = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1).max(100).optional(),
  tenantName: z.string().trim().min(1).max(100),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const inviteInput = z.strictObject({
  email: emailSchema,
  role: roleSchema.default('member'),
});
export type InviteInput = z.infer<typeof inviteInput>;

export const acceptInviteInput = z.strictObject({
  token: z.string().min(20).max(200),
  password: passwordSchema,
  name: z.string().trim().min(1).max(100).optional(),
});
export type AcceptInviteInput = z.infer<typeof acceptInviteInput>;
