/**
 * Origins as browsers send them: `scheme://host[:port]`, lower-case, default port omitted.
 * Whitelist entries are normalised the same way, so `https://Shop.example.com/` matches
 * `https://shop.example.com`. Matching is exact: no wildcards, no path or subdomain tricks.
 */
export function normalizeOrigin(value: string | null | undefined): string | null {
  if (!value || value === 'null') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url.origin;
}

export function isOriginAllowed(origin: string | null, whitelist: readonly string[]): boolean {
  if (!origin) return false;
  const wanted = normalizeOrigin(origin);
  if (!wanted) return false;
  return whitelist.some((entry) => normalizeOrigin(entry) === wanted);
}
