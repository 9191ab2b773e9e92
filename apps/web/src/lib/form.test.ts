import { signUpInput } from '@platform/auth/schemas';
import { describe, expect, it } from 'vitest';
import { validate } from './form';

describe('validate', () => {
  it('reports the API schema’s message per field', () => {
    const result = validate(signUpInput, { email: 'nope', password: 'short', tenantName: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.password).toBe('Use at least 8 characters.');
    expect(result.errors.email).toBeTruthy();
    expect(result.errors.tenantName).toBeTruthy();
  });

  it('returns the parsed (normalised) value when valid', () => {
    const result = validate(signUpInput, {
      email: '  Ada@Example.COM ',
      password: 'long enough',
      tenantName: 'Acme',
    });
    expect(result).toEqual({
      ok: true,
      data: { email: 'ada@example.com', password: 'long enough', tenantName: 'Acme' },
    });
  });
});

describe('validate messages', () => {
  it('calls an empty required field required', () => {
    const result = validate(signUpInput, {
      email: 'a@b.co',
      password: 'long enough',
      tenantName: '',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.tenantName).toBe('This field is required.');
  });
});
