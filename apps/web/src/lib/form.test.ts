import { passwordSchema, signUpInput } from '@platform/api/schemas';
import { z } from 'zod';
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

describe('validate wording', () => {
  it('words built-in number and length checks for people, and keeps custom messages', () => {
    const schema = z.strictObject({
      cap: z.number().min(0),
      name: z.string().max(3),
      pw: passwordSchema,
    });
    const result = validate(schema, { cap: Number.NaN, name: 'long name', pw: 'short' });
    expect(result).toEqual({
      ok: false,
      errors: {
        cap: 'Enter a number.',
        name: 'Use at most 3 characters.',
        pw: 'Use at least 8 characters.',
      },
    });
    expect(validate(schema, { cap: -1, name: 'ok', pw: 'long enough' })).toEqual({
      ok: false,
      errors: { cap: 'Use 0 or more.' },
    });
  });
});

describe('validate: empty fields', () => {
  it('calls an empty field required, unless the schema has its own message for it', () => {
    const result = validate(signUpInput, { email: '', password: '', tenantName: '  ' });
    expect(result).toEqual({
      ok: false,
      errors: {
        email: 'This field is required.',
        password: 'Use at least 8 characters.',
        tenantName: 'This field is required.',
      },
    });
  });
});
