import { createHash, randomBytes } from 'node:crypto';

/** A new tenant API key: shown once, stored only as its SHA-256 (it has 256 bits of entropy). */
export function generateApiKey(): { key: string; hash: string } {
  const key = `pk_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
