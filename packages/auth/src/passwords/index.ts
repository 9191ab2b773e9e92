import { COMMON_PASSWORDS_LIST } from './common-passwords';

let common: Set<string> | undefined;

/**
 * True for one of the most common passwords (see ./generate.ts), compared case-insensitively:
 * "Password1" is as guessable as "password1". Pure and offline: the list ships in the bundle.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(COMMON_PASSWORDS_LIST.split('\n'));
  return common.has(password.toLowerCase());
}
