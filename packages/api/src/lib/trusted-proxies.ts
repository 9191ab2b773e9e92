import { BlockList, isIP } from 'node:net';

/** The addresses of the proxies in front of the app (TRUSTED_PROXY_CIDRS). */
export interface TrustedProxies {
  size: number;
  includes(address: string): boolean;
}

/**
 * Parses TRUSTED_PROXY_CIDRS entries (`10.0.0.0/8`, `fd00::/8`, or one address). Throws on
 * anything else: a typo must not silently trust nobody (or everybody).
 */
export function trustedProxyList(entries: readonly string[]): TrustedProxies {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (
      family === 0 ||
      rest.length > 0 ||
      !/^\d{1,3}$/.test(prefix ?? '0') ||
      bits > (family === 6 ? 128 : 32)
    )
      throw new Error(`Not an address or CIDR range: "${entry}"`);
    list.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return {
    size: entries.length,
    includes: (address) => {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}
