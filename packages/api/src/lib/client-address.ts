import { isIP } from 'node:net';
import { apiEnv } from '../env';

/**
 * The client address every rate limit is keyed by, from a request's headers.
 *
 * Route handlers cannot see the TCP connection, so the one process that owns the socket
 * (apps/web/server.mjs) writes the peer address into a request header whose name only it and
 * this process know (PLATFORM_PEER_ADDRESS_HEADER, chosen at random at start), overwriting
 * whatever a client sent. By default no proxy is trusted and the peer address is the client:
 * nothing the client writes (X-Forwarded-For, X-Real-IP) is read. With TRUSTED_PROXY_HOPS=N
 * proxies in front, each appending its peer to X-Forwarded-For, the client is the entry N places
 * from the right; entries further left were written by the client itself.
 */
export interface ClientAddressSettings {
  trustedProxyHops: number;
  /** Unset when the app runs without server.mjs: no address is known then ("unknown"). */
  peerAddressHeader: string | undefined;
}

export function clientAddressSettings(): ClientAddressSettings {
  const env = apiEnv();
  return {
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    peerAddressHeader: env.PLATFORM_PEER_ADDRESS_HEADER,
  };
}

export function clientAddress(
  headers: Headers,
  settings: ClientAddressSettings = clientAddressSettings(),
): string {
  const peer = settings.peerAddressHeader ? headers.get(settings.peerAddressHeader) : null;
  if (settings.trustedProxyHops > 0) {
    const chain = (headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
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
