import { AppError } from '@platform/errors';
import { uuidPattern } from './sql';

/**
 * Keyset cursors for lists ordered by (timestamp desc, id desc). Opaque to clients: base64url of
 * the last row's timestamp (microsecond ISO text, so rows sharing a millisecond are not skipped)
 * and id.
 */
export interface CursorKey {
  at: string;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorKey {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      typeof parsed[0] === 'string' &&
      !Number.isNaN(Date.parse(parsed[0])) &&
      typeof parsed[1] === 'string' &&
      uuidPattern.test(parsed[1])
    ) {
      return { at: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the typed error
  }
  throw new AppError('BAD_INPUT', 'The page cursor is not valid.');
}

export function checkLimit(limit: number, max = 200): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new AppError('BAD_INPUT', `limit must be a whole number from 1 to ${max}.`);
  }
  return limit;
}
