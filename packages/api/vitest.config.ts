import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'api',
    globalSetup: ['../db/src/testing/global-setup.ts'],
    // As apps/web/server.mjs sets it: the header carrying the TCP peer address (testing/peer-address.ts).
    env: { PLATFORM_PEER_ADDRESS_HEADER: 'x-test-peer-address' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
