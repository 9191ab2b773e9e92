import { describe, expect, it } from 'vitest';
import { pagePolicy, permissionsPolicy, securityHeaders } from './headers';

describe('security headers', () => {
  it('a page policy allows scripts by nonce only and no framing; eval in development only', () => {
    const production = pagePolicy('abc', { production: true });
    expect(production).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(production).toContain("frame-ancestors 'none'");
    expect(production).not.toContain('unsafe-eval');
    expect(pagePolicy('abc', { production: false })).toContain("'unsafe-eval'");
  });

  it('lets pages reach the LiveKit server meetings use', () => {
    expect(pagePolicy('n', { production: true, livekitUrl: 'wss://rooms.example.com' })).toContain(
      "connect-src 'self' wss://rooms.example.com https://rooms.example.com;",
    );
  });

  it('grants camera and microphone to meeting pages only', () => {
    expect(permissionsPolicy('/meetings/123')).toContain('camera=(self), microphone=(self)');
    expect(permissionsPolicy('/meetings/join')).toContain('camera=(self)');
    expect(permissionsPolicy('/overview')).toContain('camera=(), microphone=()');
    expect(permissionsPolicy('/meetingsx')).toContain('camera=()');
  });

  it('HSTS in production only', () => {
    expect(securityHeaders('/', 'p', { production: true })).toHaveProperty(
      'Strict-Transport-Security',
    );
    expect(securityHeaders('/', 'p', { production: false })).not.toHaveProperty(
      'Strict-Transport-Security',
    );
  });
});
