import { apiEnv } from '../env';

/**
 * Headers as apps/web/server.mjs leaves them for a client connecting from `address`. The test
 * runs set PLATFORM_PEER_ADDRESS_HEADER (vitest.config.ts), as server.mjs does at start.
 */
export function fromPeer(address: string): Record<string, string> {
  const header = apiEnv().PLATFORM_PEER_ADDRESS_HEADER;
  if (!header) throw new Error('PLATFORM_PEER_ADDRESS_HEADER is not set for this test run');
  return { [header]: address };
}
