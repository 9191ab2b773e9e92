import { z } from 'zod';
import { normalizeOrigin } from '../widget/origin';

/**
 * An origin as browsers send it: `scheme://host[:port]` (http or https), stored normalised
 * (lower-case host, default port dropped) so it compares equal to the request's Origin header.
 * A trailing slash is tolerated; a path, query, fragment, credentials or wildcard is not.
 */
export const originSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .refine((value) => isPlainOrigin(value), {
    message: 'Use an origin like https://example.com or http://localhost:3000, without a path.',
  })
  .transform((value) => normalizeOrigin(value)!);

function isPlainOrigin(value: string): boolean {
  const origin = normalizeOrigin(value);
  if (!origin) return false;
  const url = new URL(value);
  return (
    (url.pathname === '/' || url.pathname === '') &&
    !url.search &&
    !url.hash &&
    !value.includes('*')
  );
}

export const originListSchema = z
  .array(originSchema)
  .max(100)
  .transform((list) => [...new Set(list)]);
