/**
 * No cross-origin writes: a request that can change something (any method but GET, HEAD and
 * OPTIONS) must come from a page of this app. Browsers send `Origin` with such requests; without
 * it, `Sec-Fetch-Site` says where it came from (`none`: typed by the user). A request with
 * neither is refused too: browsers always send one of them, and a script that sends neither
 * carries no one's cookies. This does not lean on SameSite cookies or on tRPC refusing
 * `text/plain` bodies, which a same-site sibling or a future content type would get around.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Routes with their own protection: Auth.js (its CSRF token), the widget's public API
 * (per-widget origin rules, a bearer token, no cookies), LiveKit's webhook (signed, no browser).
 */
const OWN_PROTECTION = ['/api/auth/', '/api/widget/', '/api/livekit/webhook'];

export interface WriteRequest {
  method: string;
  pathname: string;
  headers: Headers;
}

/** True when the request must be refused (403). `appOrigin` is APP_URL's origin. */
export function isCrossOriginWrite(request: WriteRequest, appOrigin: string): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (OWN_PROTECTION.some((prefix) => request.pathname.startsWith(prefix))) return false;
  const origin = request.headers.get('origin');
  if (origin) return !isOwnOrigin(origin, request.headers.get('host'), appOrigin);
  const site = request.headers.get('sec-fetch-site');
  return site !== 'same-origin' && site !== 'none';
}

/**
 * APP_URL's origin, or any origin on the host the request was sent to (the app reached as
 * 127.0.0.1 or by another name). A browser cannot send a foreign Host: it is the server it talks to.
 */
function isOwnOrigin(origin: string, host: string | null, appOrigin: string): boolean {
  if (origin === appOrigin) return true;
  let url: URL;
  try {
    url = new URL(origin); // "null" (sandboxed frames, opaque redirects) does not parse
  } catch {
    return false;
  }
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    host !== null &&
    url.host === host.toLowerCase()
  );
}

export const CROSS_ORIGIN_MESSAGE =
  'Refused: this request came from another site. Changes can only be made from the app itself.';
