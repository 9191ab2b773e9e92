import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { AppError } from '@platform/errors';
import ipaddr from 'ipaddr.js';

/** True for addresses on the public internet; false for loopback, private, link-local, CGNAT, ... */
export function isPublicAddress(address: string): boolean {
  try {
    return ipaddr.process(address).range() === 'unicast';
  } catch {
    return false;
  }
}

export const blockedAddress = () =>
  new AppError(
    'BAD_INPUT',
    'That address points to a private or local network, which cannot be fetched.',
  );

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that refuses non-public addresses. Checking inside the connection's
 * own lookup (not before the request) leaves no window for DNS rebinding between check and connect.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (!allowPrivate && addresses.some((a) => !isPublicAddress(a.address))) {
        return callback(blockedAddress(), []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(
          Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }),
          [],
        );
      callback(null, first.address, first.family);
    });
  };
}

/** Host names that are IP literals never reach `lookup`: check them directly. */
export function assertHostAllowed(hostname: string, allowPrivate: boolean): void {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(bare) !== 0 && !isPublicAddress(bare)) throw blockedAddress();
}
