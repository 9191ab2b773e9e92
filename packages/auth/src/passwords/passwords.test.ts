import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acceptInviteInput, passwordSchema, signUpInput } from '../schemas';
import { commonPasswordsModule } from './generate';
import { isCommonPassword } from '.';

const message =
  'This is one of the most common passwords, which are guessed first. Choose another.';

describe('common passwords', () => {
  it('refuses the most common passwords in any letter case, and accepts others', () => {
    for (const password of [
      'password',
      'Password1',
      '12345678',
      'QWERTYUIOP',
      'iloveyou',
      'trustno1',
    ])
      expect(isCommonPassword(password), password).toBe(true);
    for (const password of ['correct horse battery staple', 'acme-demo-password', 'Vq7!pL2#x'])
      expect(isCommonPassword(password), password).toBe(false);
  });

  it('every schema that sets a password says why, beside the password field', () => {
    expect(passwordSchema.safeParse('baseball').error?.issues[0]?.message).toBe(message);
    const signUp = signUpInput.safeParse({
      email: 'a@b.test',
      password: 'football',
      tenantName: 'A',
    });
    expect(signUp.error?.issues).toMatchObject([{ path: ['password'], message }]);
    const accept = acceptInviteInput.safeParse({ token: 'x'.repeat(40), password: 'superman' });
    expect(accept.error?.issues).toMatchObject([{ path: ['password'], message }]);
    expect(passwordSchema.safeParse('short').error?.issues[0]?.message).toBe(
      'Use at least 8 characters.',
    );
  });

  it('the shipped list is exactly what the generator derives from the npm package', () => {
    const shipped = readFileSync(new URL('./common-passwords.ts', import.meta.url), 'utf8');
    expect(shipped).toBe(commonPasswordsModule());
  });
});
