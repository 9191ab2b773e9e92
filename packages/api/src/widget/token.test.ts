import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signVisitorToken, verifyVisitorToken, VisitorTokenError } from './token';
import type { VisitorClaims } from './token';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const now = 1_800_000_000;
const claims: VisitorClaims = {
  wid: randomUUID(),
  tid: randomUUID(),
  sid: randomUUID(),
  org: 'https://shop.example.com',
  sst: now,
  iat: now,
  exp: now + 900,
};

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof VisitorTokenError) return error.problem;
    throw error;
  }
  return 'none';
}

describe('visitor tokens', () => {
  it('round-trips the claims of an authentic, unexpired token', () => {
    const token = signVisitorToken(claims, secret);
    expect(token.split('.')).toHaveLength(3);
    expect(verifyVisitorToken(token, secret, { now: now + 10 })).toEqual(claims);
  });

  it('refuses a token at and after its expiry, unless resuming', () => {
    const token = signVisitorToken(claims, secret);
    expect(problem(() => verifyVisitorToken(token, secret, { now: now + 900 }))).toBe('expired');
    expect(verifyVisitorToken(token, secret, { now: now + 5000, allowExpired: true }).sid).toBe(
      claims.sid,
    );
  });

  it('refuses tampered claims, even with the old signature', () => {
    const [header, , signature] = signVisitorToken(claims, secret).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, wid: randomUUID() })).toString(
      'base64url',
    );
    expect(
      problem(() => verifyVisitorToken(`${header}.${forged}.${signature}`, secret, { now })),
    ).toBe('bad-signature');
    const longer = Buffer.from(JSON.stringify({ ...claims, exp: now + 999_999 })).toString(
      'base64url',
    );
    expect(
      problem(() => verifyVisitorToken(`${header}.${longer}.${signature}`, secret, { now })),
    ).toBe('bad-signature');
  });

  it('refuses a token signed with another secret, and garbage', () => {
    const other = signVisitorToken(claims, 'another-secret-that-is-long-enough-987654321');
    expect(problem(() => verifyVisitorToken(other, secret, { now }))).toBe('bad-signature');
    expect(problem(() => verifyVisitorToken('abc', secret, { now }))).toBe('malformed');
    expect(problem(() => verifyVisitorToken('a.b.c', secret, { now }))).toBe('malformed');
  });

  it('refuses a differently declared algorithm header (no alg agility)', () => {
    const [, payload, signature] = signVisitorToken(claims, secret).split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'PWV' })).toString('base64url');
    expect(
      problem(() => verifyVisitorToken(`${none}.${payload}.${signature}`, secret, { now })),
    ).toBe('malformed');
  });

  it('keeps tokens of two widgets apart: the claims name the widget they were issued for', () => {
    const otherWidget = { ...claims, wid: randomUUID() };
    const token = signVisitorToken(otherWidget, secret);
    expect(verifyVisitorToken(token, secret, { now }).wid).not.toBe(claims.wid);
  });
});
