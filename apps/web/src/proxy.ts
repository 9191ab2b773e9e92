import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';
import { apiEnv } from '@platform/api/env';
import { livekitSettings } from '@platform/meetings/env';
import { API_POLICY, pagePolicy, securityHeaders } from './server/security/headers';
import type { PolicyOptions } from './server/security/headers';
import { CROSS_ORIGIN_MESSAGE, isCrossOriginWrite } from './server/security/same-origin';

/**
 * Runs before every dashboard page and API route: refuses cross-origin writes, and sets the
 * security headers, with a fresh script nonce per page request. Next reads the nonce from the
 * request's Content-Security-Policy and puts it on its own scripts; the root layout passes it
 * (x-nonce) to the one inline script of ours (the theme, set before the page paints).
 */
export function proxy(request: NextRequest) {
  const env = apiEnv();
  const options: PolicyOptions = {
    production: env.NODE_ENV === 'production',
    livekitUrl: livekitSettings().url,
  };
  const { pathname } = request.nextUrl;
  const isApi = pathname === '/api' || pathname.startsWith('/api/');

  if (
    isCrossOriginWrite(
      { method: request.method, pathname, headers: request.headers },
      new URL(env.APP_URL).origin,
    )
  ) {
    return withHeaders(
      NextResponse.json(
        { error: { code: 'FORBIDDEN', message: CROSS_ORIGIN_MESSAGE } },
        { status: 403 },
      ),
      securityHeaders(pathname, API_POLICY, options),
    );
  }
  if (isApi)
    return withHeaders(NextResponse.next(), securityHeaders(pathname, API_POLICY, options));

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
  const policy = pagePolicy(nonce, options);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  return withHeaders(
    NextResponse.next({ request: { headers: requestHeaders } }),
    securityHeaders(pathname, policy, options),
  );
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but build assets and the widget's own documents and scripts, which set theirs.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|widget/|embed\\.js|try/).*)'],
};
