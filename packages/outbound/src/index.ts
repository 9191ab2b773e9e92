export { addressPolicy, blockedAddress, isPublicAddress } from './address';
export type { AddressPolicy } from './address';
export type { Resolver } from './lookup';
export { outboundRequest } from './request';
export type { OutboundRequest, OutboundResponse } from './request';
