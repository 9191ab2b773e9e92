import { describe, expect, it } from 'vitest';
import { readAuthEnv } from './env';

describe('auth settings', () => {
  it('requires AUTH_SECRET in production and names it', () => {
    expect(() => readAuthEnv({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET/);
    expect(() => readAuthEnv({ NODE_ENV: 'production', AUTH_SECRET: '' })).toThrow(/AUTH_SECRET/);
    expect(readAuthEnv({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) }).secret).toBe(
      'x'.repeat(32),
    );
  });

  it('works offline with defaults outside production', () => {
    const env = readAuthEnv({});
    expect(env.secret.length).toBeGreaterThanOrEqual(32);
    expect(env.sessionMaxAgeSeconds).toBe(30 * 24 * 60 * 60);
    expect(env.google).toBeUndefined();
    expect(env.microsoftEntraId).toBeUndefined();
  });

  it('rejects a short secret and a bad session age', () => {
    expect(() => readAuthEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
    expect(() => readAuthEnv({ AUTH_SESSION_MAX_AGE_SECONDS: '5' })).toThrow(
      /AUTH_SESSION_MAX_AGE_SECONDS/,
    );
  });

  it('enables Microsoft Entra ID with its issuer', () => {
    const env = readAuthEnv({
      AUTH_MICROSOFT_ENTRA_ID_ID: 'app',
      AUTH_MICROSOFT_ENTRA_ID_SECRET: 's',
      AUTH_MICROSOFT_ENTRA_ID_ISSUER: 'https://login.microsoftonline.com/abc/v2.0',
    });
    expect(env.microsoftEntraId).toEqual({
      clientId: 'app',
      clientSecret: 's',
      issuer: 'https://login.microsoftonline.com/abc/v2.0',
    });
  });
});
