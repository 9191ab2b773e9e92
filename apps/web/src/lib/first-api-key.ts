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

export function takeFirstApiKey(): string | null {
  try {
    const value = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return value;
  } catch {
    return null;
  }
}
