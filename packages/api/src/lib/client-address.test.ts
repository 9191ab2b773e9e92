import { describe, expect, it } from 'vitest';
import { readApiEnv } from '../env';
import { clientAddress } from './client-address';
import { trustedProxyList } from './trusted-proxies';

const PEER = 'x-peer-test';
const headers = (init: Record<string, string>) => new Headers(init);
const direct = { trustedProxyHops: 0, peerAddressHeader: PEER };
const behindOne = { trustedProxyHops: 1, peerAddressHeader: PEER };
const behindTwo = { trustedProxyHops: 2, peerAddressHeader: PEER };

describe('clientAddress', () => {
  it('trusts no proxy by default: the peer address, whatever the client writes', () => {
    expect(readApiEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    const forged = headers({
      [PEER]: '198.51.100.7',
      'x-forwarded-for': '203.0.113.1, 203.0.113.2',
      'x-real-ip': '203.0.113.3',
    });
    expect(clientAddress(forged, direct)).toBe('198.51.100.7');
  });

  it('takes the entry N hops from the right of X-Forwarded-For behind N proxies', () => {
    // The client wrote 6.6.6.6; our proxy appended the address it saw.
    const viaOne = headers({ [PEER]: '10.0.0.2', 'x-forwarded-for': '6.6.6.6, 198.51.100.7' });
    expect(clientAddress(viaOne, behindOne)).toBe('198.51.100.7');
    const viaTwo = headers({
      [PEER]: '10.0.0.3',
      'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.2',
    });
    expect(clientAddress(viaTwo, behindTwo)).toBe('198.51.100.7');
    // A request that reached the app without passing the proxy: the peer itself.
    expect(clientAddress(headers({ [PEER]: '198.51.100.9' }), behindOne)).toBe('198.51.100.9');
  });

  it('reads nothing without the peer header server.mjs sets, and folds IPv4-mapped addresses', () => {
    const forged = headers({ 'x-forwarded-for': '203.0.113.1', [PEER]: '203.0.113.2' });
    expect(clientAddress(forged, { trustedProxyHops: 0, peerAddressHeader: undefined })).toBe(
      'unknown',
    );
    expect(clientAddress(headers({ [PEER]: '::ffff:127.0.0.1' }), direct)).toBe('127.0.0.1');
    expect(clientAddress(headers({ [PEER]: '2001:DB8::1' }), direct)).toBe('2001:db8::1');
  });

  it('reads TRUSTED_PROXY_HOPS, and WIDGET_TRUSTED_PROXY_HOPS as its old name', () => {
    expect(readApiEnv({ TRUSTED_PROXY_HOPS: '2' }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(readApiEnv({ WIDGET_TRUSTED_PROXY_HOPS: '1' }).TRUSTED_PROXY_HOPS).toBe(1);
    expect(
      readApiEnv({ TRUSTED_PROXY_HOPS: '0', WIDGET_TRUSTED_PROXY_HOPS: '1' }).TRUSTED_PROXY_HOPS,
    ).toBe(0);
  });

  it('behind proxies listed by address, the first address from the right outside them', () => {
    const proxies = {
      trustedProxyHops: 0,
      trustedProxies: trustedProxyList(['10.0.0.0/8', 'fd00::/8', '192.0.2.10']),
      peerAddressHeader: PEER,
    };
    // Load balancer (10.0.0.2) <- edge proxy (192.0.2.10) <- the client; 6.6.6.6 is invented.
    const viaTwo = headers({
      [PEER]: '::ffff:10.0.0.2',
      'x-forwarded-for': '6.6.6.6, 198.51.100.7, 192.0.2.10',
    });
    expect(clientAddress(viaTwo, proxies)).toBe('198.51.100.7');
    expect(
      clientAddress(headers({ [PEER]: 'fd00::5', 'x-forwarded-for': '2001:db8::7' }), proxies),
    ).toBe('2001:db8::7');
    // A client reaching the app directly cannot name itself with the header, unlike a hop count.
    const direct = headers({ [PEER]: '198.51.100.9', 'x-forwarded-for': '6.6.6.6' });
    expect(clientAddress(direct, proxies)).toBe('198.51.100.9');
    expect(clientAddress(direct, behindOne)).toBe('6.6.6.6');
    // Every hop a proxy of ours: the leftmost one is as far as anyone can tell.
    expect(
      clientAddress(headers({ [PEER]: '10.0.0.2', 'x-forwarded-for': '10.0.0.9' }), proxies),
    ).toBe('10.0.0.9');
  });

  it('reads TRUSTED_PROXY_CIDRS, refusing a typo and a hop count set with it', () => {
    expect(readApiEnv({}).TRUSTED_PROXY_CIDRS).toEqual([]);
    expect(
      readApiEnv({ TRUSTED_PROXY_CIDRS: ' 10.0.0.0/8 , fd00::/8,' }).TRUSTED_PROXY_CIDRS,
    ).toEqual(['10.0.0.0/8', 'fd00::/8']);
    for (const typo of ['10.0.0/8', '10.0.0.0/33', 'proxy.internal', '10.0.0.0/8/1', '::/x'])
      expect(() => readApiEnv({ TRUSTED_PROXY_CIDRS: typo }), typo).toThrow(
        /TRUSTED_PROXY_CIDRS: Not an address or CIDR range/,
      );
    expect(() =>
      readApiEnv({ TRUSTED_PROXY_CIDRS: '10.0.0.0/8', TRUSTED_PROXY_HOPS: '1' }),
    ).toThrow(/not both/);
  });
});
