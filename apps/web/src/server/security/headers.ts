/**
 * The security headers of every dashboard and API response (set by src/proxy.ts). The widget's
 * own documents (/widget/*, /embed.js, /try/*) keep the policies they set themselves: the chat
 * frame may be framed by any site, the "Try it" page by the dashboard only.
 */
export interface PolicyOptions {
  production: boolean;
  /** The LiveKit server browsers connect to (meetings), if configured. */
  livekitUrl?: string | undefined;
}

/** Documents: scripts only with this request's nonce (and what they load), never framed. */
export function pagePolicy(nonce: string, options: PolicyOptions): string {
  return [
    "default-src 'self'",
    // React needs eval in development only (it rebuilds server error stacks in the browser).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.production ? '' : " 'unsafe-eval'"}`,
    // Style attributes (React `style`, the toaster) cannot carry a nonce; scripts are what matter.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${livekitSources(options.livekitUrl)}`,
    "media-src 'self' blob:",
    // The widget preview and "Try it" frame this origin's widget pages, nothing else.
    "frame-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** API responses are data, never documents: nothing loads, nothing frames them. */
export const API_POLICY = [
  "default-src 'none'",
  // Auth.js renders a few plain pages (sign-out confirmation, errors) with inline styles.
  "style-src 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Camera, microphone and screen sharing for the meeting pages only; the rest never ask. */
export function permissionsPolicy(pathname: string): string {
  const meeting = pathname === '/meetings' || pathname.startsWith('/meetings/');
  const media = meeting ? '(self)' : '()';
  return [
    `camera=${media}`,
    `microphone=${media}`,
    `display-capture=${media}`,
    'geolocation=()',
    'payment=()',
    'usb=()',
    'midi=()',
  ].join(', ');
}

export function securityHeaders(
  pathname: string,
  policy: string,
  options: PolicyOptions,
): Record<string, string> {
  return {
    'Content-Security-Policy': policy,
    // For browsers without frame-ancestors.
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': permissionsPolicy(pathname),
    // Browsers honour it over HTTPS only; production is served over HTTPS.
    ...(options.production
      ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' }
      : {}),
  };
}

/** LiveKit's origin as its WebSocket and its HTTP API (the SDK uses both). */
function livekitSources(url: string | undefined): string {
  if (!url) return '';
  const parsed = new URL(url);
  const secure = parsed.protocol === 'wss:' || parsed.protocol === 'https:';
  return ` ${secure ? 'wss' : 'ws'}://${parsed.host} ${secure ? 'https' : 'http'}://${parsed.host}`;
}
