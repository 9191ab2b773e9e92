import { readRagEnv } from '../../env';
import type { ParseBytesOptions } from '../detect';
import type { ParsedDocument } from '../types';
import { ParsePool } from './pool';

export { ParsePool } from './pool';
export type { ParsePoolLimits } from './pool';

let shared: ParsePool | undefined;

/**
 * parseBytes in the process's parse pool (PARSE_* settings): how every upload and fetched page is
 * read, so no file can stall the requests of other tenants.
 */
export function parseIsolated(
  bytes: Uint8Array,
  options: ParseBytesOptions = {},
): Promise<ParsedDocument> {
  if (!shared) {
    const env = readRagEnv();
    shared = new ParsePool({
      workers: env.PARSE_WORKERS,
      timeoutMs: env.PARSE_TIMEOUT_MS,
      maxMemoryMb: env.PARSE_MAX_MEMORY_MB,
      maxQueued: env.PARSE_MAX_QUEUED,
    });
  }
  return shared.parse(bytes, options);
}
