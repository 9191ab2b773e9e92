import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './redirect';

describe('safeCallbackUrl', () => {
  it('keeps same-site paths', () => {
    expect(safeCallbackUrl('/widgets/abc?x=1', '/overview')).toBe('/widgets/abc?x=1');
  });

  it('refuses other sites and protocol-relative urls', () => {
    for (const bad of [
      'https://evil.test/',
      '//evil.test',
      '/\\evil.test',
      'javascript:alert(1)',
      null,
    ]) {
      expect(safeCallbackUrl(bad, '/overview')).toBe('/overview');
    }
  });
});
