import { Auth } from '@auth/core';
import type { AuthConfig } from '@auth/core';
import { CookieJar } from './cookie-jar';

const ORIGIN = 'http://localhost:3000';

/** Drives the real Auth.js request handler (no Next) the way a browser would. */
export class AuthClient {
  readonly jar = new CookieJar();

  /** `headers` go with every request (e.g. the client address the app reads). */
  constructor(
    private readonly config: AuthConfig,
    private readonly headers: Record<string, string> = {},
  ) {}

  async request(
    path: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers = new Headers({ ...this.headers, cookie: this.jar.header() });
    let body: string | undefined;
    if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(init.form).toString();
    }
    const response = await Auth(
      new Request(`${ORIGIN}/api/auth${path}`, { method: init.method ?? 'GET', headers, body }),
      this.config,
    );
    this.jar.store(response);
    return response;
  }

  async csrf(): Promise<string> {
    const response = await this.request('/csrf');
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  async signIn(email: string, password: string): Promise<Response> {
    const csrfToken = await this.csrf();
    return this.request('/callback/credentials', {
      method: 'POST',
      form: { csrfToken, email, password, callbackUrl: ORIGIN },
    });
  }

  async session(): Promise<{ user: { id: string; email?: string | null } } | null> {
    const response = await this.request('/session');
    return (await response.json()) as { user: { id: string } } | null;
  }

  async signOut(): Promise<Response> {
    const csrfToken = await this.csrf();
    return this.request('/signout', { method: 'POST', form: { csrfToken, callbackUrl: ORIGIN } });
  }

  get sessionCookie(): string | undefined {
    return this.jar.get('authjs.session-token');
  }
}
