import { describe, expect, it } from 'vitest';
import { isOriginAllowed, normalizeOrigin } from './origin';

describe('normalizeOrigin', () => {
  it('lower-cases and drops default ports and paths', () => {
    expect(normalizeOrigin('HTTPS://Shop.Example.com:443/path?q')).toBe('https://shop.example.com');
    expect(normalizeOrigin('http://localhost:4100/')).toBe('http://localhost:4100');
  });

  it('refuses opaque, non-web and credentialed origins', () => {
    expect(normalizeOrigin('null')).toBeNull();
    expect(normalizeOrigin(null)).toBeNull();
    expect(normalizeOrigin('file:///etc/passwd')).toBeNull();
    expect(normalizeOrigin('javascript:alert(1)')).toBeNull();
    expect(normalizeOrigin('https://user:pw@example.com')).toBeNull();
    expect(normalizeOrigin('not a url')).toBeNull();
  });
});

describe('isOriginAllowed', () => {
  const whitelist = ['https://shop.example.com', 'http://localhost:4100/'];

  it('matches exact origins after normalisation', () => {
    expect(isOriginAllowed('https://shop.example.com', whitelist)).toBe(true);
    expect(isOriginAllowed('https://SHOP.example.com:443', whitelist)).toBe(true);
    expect(isOriginAllowed('http://localhost:4100', whitelist)).toBe(true);
  });

  it('refuses look-alikes: other scheme, port, subdomain or suffix', () => {
    expect(isOriginAllowed('http://shop.example.com', whitelist)).toBe(false);
    expect(isOriginAllowed('http://localhost:4101', whitelist)).toBe(false);
    expect(isOriginAllowed('https://evil.shop.example.com', whitelist)).toBe(false);
    expect(isOriginAllowed('https://shop.example.com.evil.test', whitelist)).toBe(false);
    expect(isOriginAllowed(null, whitelist)).toBe(false);
    expect(isOriginAllowed('https://shop.example.com', [])).toBe(false);
  });
});
