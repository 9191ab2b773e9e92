import { describe, expect, it } from 'vitest';
import { livekitSettings, requireLivekitConfig } from './env';

const full = {
  LIVEKIT_URL: 'ws://localhost:7880',
  LIVEKIT_API_KEY: 'devkey',
  LIVEKIT_API_SECRET: 'secret',
};

describe('LiveKit settings', () => {
  it('reports every missing variable, treating empty ones as missing', () => {
    expect(livekitSettings({})).toEqual({
      configured: false,
      missing: ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'],
      invalid: [],
    });
    expect(livekitSettings({ ...full, LIVEKIT_API_SECRET: ' ' })).toMatchObject({
      configured: false,
      missing: ['LIVEKIT_API_SECRET'],
    });
  });

  it('reports invalid values by name without echoing them', () => {
    const settings = livekitSettings({ ...full, LIVEKIT_URL: 'ftp://nope', LIVEKIT_TOKEN_TTL_MINUTES: '600' });
    expect(settings).toEqual({
      configured: false,
      missing: [],
      invalid: ['LIVEKIT_URL', 'LIVEKIT_TOKEN_TTL_MINUTES'],
    });
  });

  it('is configured with the three variables, exposing the URL but never the key or secret', () => {
    const settings = livekitSettings(full);
    expect(settings).toEqual({ configured: true, missing: [], invalid: [], url: full.LIVEKIT_URL });
    expect(JSON.stringify(settings)).not.toContain('devkey');
  });

  it('defaults: 10-minute tokens, price model from the host', () => {
    expect(requireLivekitConfig(full)).toMatchObject({ tokenTtlMinutes: 10, priceModel: 'self-hosted' });
    expect(
      requireLivekitConfig({ ...full, LIVEKIT_URL: 'wss://acme-x1y2.livekit.cloud' }).priceModel,
    ).toBe('cloud');
    expect(requireLivekitConfig({ ...full, LIVEKIT_PRICE_MODEL: 'cloud' }).priceModel).toBe('cloud');
  });

  it('calls the room service at LIVEKIT_API_URL when set, else at LIVEKIT_URL', () => {
    expect(requireLivekitConfig(full).apiUrl).toBe(full.LIVEKIT_URL);
    const docker = requireLivekitConfig({ ...full, LIVEKIT_API_URL: 'http://livekit:7880' });
    expect(docker).toMatchObject({ url: full.LIVEKIT_URL, apiUrl: 'http://livekit:7880' });
  });

  it('throws UNAVAILABLE naming what to set', () => {
    expect(() => requireLivekitConfig({ LIVEKIT_URL: full.LIVEKIT_URL })).toThrow(
      expect.objectContaining({
        code: 'UNAVAILABLE',
        message: expect.stringContaining('missing LIVEKIT_API_KEY, LIVEKIT_API_SECRET'),
      }),
    );
  });
});
