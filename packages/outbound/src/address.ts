import { isIP } from 'node:net';
import { AppError } from '@platform/errors';
import ipaddr from 'ipaddr.js';

/**
 * True for addresses on the public internet; false for loopback, private, link-local, CGNAT,
 * benchmarking (198.18/15), reserved (240/4), multicast, IPv4-mapped private IPv6 and the rest
 * of ipaddr.js' special ranges. One definition, not a hand-written list.
 */
export function isPublicAddress(address: string): boolean {
  try {
    return ipaddr.process(address).range() === 'unicast';
  } catch {
    return false;
  }
}

/** Which resolved addresses a request may connect to. */
export type AddressPolicy = (address: string) => boolean;

/** The default policy, or everything when private targets are allowed (tests, intranets). */
export const addressPolicy = (allowPrivate: boolean): AddressPolicy =>
  allowPrivate ? () => true : isPublicAddress;

export const blockedAddress = () =>
  new AppError(
    'BAD_INPUT',
    'That address points to a private or local network, which cannot be fetched.',
  );

/** Host names that are IP literals never reach a DNS lookup: they are checked here. */
export function assertLiteralAllowed(hostname: string, allowed: AddressPolicy): void {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0 && !allowed(bare)) throw blockedAddress();
}
