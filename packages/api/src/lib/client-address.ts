import { isIP } from 'node:net';
import { apiEnv } from '../env';
import { trustedProxyList } from './trusted-proxies';
import type { TrustedProxies } from './trusted-proxies';

/**
 * The client address every rate limit is keyed by, from a request's headers.
 *
 * Route handlers cannot see the TCP connection, so the one process that owns the socket
 * (apps/web/server.mjs) writes the peer address into a request header whose name only it and
 * this process know (PLATFORM_PEER_ADDRESS_HEADER, chosen at random at start), overwriting
 * whatever a client sent. By default no proxy is trusted and the peer address is the client:
 * nothing the client writes (X-Forwarded-For, X-Real-IP) is read. Behind proxies, either:
 * - TRUSTED_PROXY_HOPS=N, N proxies that each append their peer to X-Forwarded-For: the client
 *   is the entry N places from the right (entries further left were written by the client);
 * - TRUSTED_PROXY_CIDRS, the proxies' addresses: starting from the peer, every address inside
 *   those ranges is a proxy of ours and the entry to its left in X-Forwarded-For is who it
 *   talked to; the first address outside them is the client. Unlike a hop count, a client that
 *   reaches the app without passing a proxy cannot pick its address with the header.
 */
export interface ClientAddressSettings {
  trustedProxyHops: number;
  /** The proxies' addresses (TRUSTED_PROXY_CIDRS); unset or empty: the hop count applies. */
  trustedProxies?: TrustedProxies;
  /** Unset when the app runs without server.mjs: no address is known then ("unknown"). */
  peerAddressHeader: string | undefined;
}

let cachedProxies: { source: readonly string[]; list: TrustedProxies } | undefined;

export function clientAddressSettings(): ClientAddressSettings {
  const env = apiEnv();
  if (cachedProxies?.source !== env.TRUSTED_PROXY_CIDRS)
    cachedProxies = {
      source: env.TRUSTED_PROXY_CIDRS,
      list: trustedProxyList(env.TRUSTED_PROXY_CIDRS),
    };
  return {
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    trustedProxies: cachedProxies.list,
    peerAddressHeader: env.PLATFORM_PEER_ADDRESS_HEADER,
  };
}

export function clientAddress(
  headers: Headers,
  settings: ClientAddressSettings = clientAddressSettings(),
): string {
  const peer = settings.peerAddressHeader ? headers.get(settings.peerAddressHeader) : null;
  if (!peer && !(settings.trustedProxyHops > 0)) return 'unknown';
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

  if (settings.trustedProxies && settings.trustedProxies.size > 0) {
    if (!peer) return 'unknown';
    let address = normalizeAddress(peer);
    while (settings.trustedProxies.includes(address) && chain.length > 0)
      address = normalizeAddress(chain.pop()!);
    return address;
  }
  if (settings.trustedProxyHops > 0) {
    // Fewer entries than proxies: the request skipped the outer ones; the leftmost entry was
    // still written by a proxy of ours.
    const hop = chain[Math.max(0, chain.length - settings.trustedProxyHops)];
    if (hop) return normalizeAddress(hop);
  }
  return peer ? normalizeAddress(peer) : 'unknown';
}

/** One key per address: IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as IPv4, anything else capped. */
function normalizeAddress(value: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped && isIP(mapped[1]!) === 4) return mapped[1]!;
  return value.toLowerCase().slice(0, 64);
}
