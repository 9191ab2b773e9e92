/**
 * Sign-up returns the tenant's first API key once. It survives the navigation to onboarding
 * in sessionStorage (this tab only) and is removed as soon as it has been shown.
 */
const KEY = 'platform:first-api-key';

export function rememberFirstApiKey(apiKey: string): void {
  try {
    sessionStorage.setItem(KEY, apiKey);
  } catch {
    // Storage disabled: the owner can rotate a new key in Settings.
  }
}

export function peekFirstApiKey(): string | null {
  try {
    return typeof window === 'undefined' ? null : sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function forgetFirstApiKey(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
