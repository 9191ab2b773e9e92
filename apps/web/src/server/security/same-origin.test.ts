import { describe, expect, it } from 'vitest';
import { isCrossOriginWrite } from './same-origin';

const APP = 'https://app.example.com';
const write = (
  headers: Record<string, string>,
  pathname = '/api/trpc/widgets.create',
  method = 'POST',
) => isCrossOriginWrite({ method, pathname, headers: new Headers(headers) }, APP);

describe('isCrossOriginWrite', () => {
  it('lets writes from the app itself through', () => {
    expect(write({ origin: APP, host: 'internal:3000' })).toBe(false);
    // Reached by another name (127.0.0.1, an internal host): the page's origin is that host.
    expect(write({ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' })).toBe(false);
    expect(write({ 'sec-fetch-site': 'same-origin', host: 'app.example.com' })).toBe(false);
    expect(write({ 'sec-fetch-site': 'none' })).toBe(false);
  });

  it('refuses writes from any other origin, a sibling subdomain included', () => {
    expect(write({ origin: 'https://evil.example', host: 'app.example.com' })).toBe(true);
    expect(write({ origin: 'https://other.example.com', host: 'app.example.com' })).toBe(true);
    expect(write({ origin: 'null', host: 'app.example.com' })).toBe(true);
    expect(write({ 'sec-fetch-site': 'same-site', host: 'app.example.com' })).toBe(true);
    expect(write({ 'sec-fetch-site': 'cross-site' })).toBe(true);
    // Neither header: no browser sends that, so no one's cookies are being borrowed; refused.
    expect(write({ host: 'app.example.com' })).toBe(true);
    for (const method of ['PUT', 'PATCH', 'DELETE'])
      expect(write({ origin: 'https://evil.example' }, '/team', method)).toBe(true);
  });

  it('leaves reads and the routes with their own protection alone', () => {
    const evil = { origin: 'https://evil.example', host: 'app.example.com' };
    expect(write(evil, '/api/trpc/widgets.list', 'GET')).toBe(false);
    expect(write(evil, '/api/widget/abc/session')).toBe(false);
    expect(write(evil, '/api/auth/callback/credentials')).toBe(false);
    expect(write(evil, '/api/livekit/webhook')).toBe(false);
  });
});
