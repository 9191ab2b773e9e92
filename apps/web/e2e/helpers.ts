import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
// The widget suite's host pages: a customer's site on another origin, embedding the demo widget.
import { startHostPages } from '../../widget/e2e/host-pages';

/** Fails on serious or critical axe violations, listing each rule and its first targets. */
export async function expectAccessible(page: Page, testInfo: TestInfo, name: string) {
  // A toast caught fading in is measured at partial opacity (a contrast "violation" that no
  // reader sees); with reduced motion the toaster skips its transitions, as it does for users.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  await testInfo.attach(`axe-${name}.json`, {
    body: JSON.stringify(results.violations, null, 2),
    contentType: 'application/json',
  });
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    ),
    `axe violations on ${name}`,
  ).toEqual([]);
}

/** Saves a full-page screenshot as a test artifact. */
export async function snap(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** A unique email per run, so the journey can run against a database that keeps data. */
export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

export const PASSWORD = 'correct horse battery staple';

/**
 * Another web process of the dashboard on `port`, on the stack's database (the production build,
 * `node server.mjs` as `pnpm start` runs it), with fresh secrets of its own. Resolves once it
 * answers; `stop()` ends it.
 */
export async function startSecondApp(
  port: string,
  env: Record<string, string> = {},
): Promise<{ url: string; stop: () => void }> {
  const secret = () => randomBytes(32).toString('base64url');
  const app = spawn('node', ['server.mjs', '--port', port], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'ignore',
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: `postgres://platform_login@127.0.0.1:${process.env.E2E_DB_PORT ?? '54339'}/postgres`,
      // The embedded server: one PGlite session, so live views poll (as the stack's app does).
      LIVE_DELIVERY: 'poll',
      AUTH_SECRET: secret(),
      AUTH_TRUST_HOST: 'true',
      WIDGET_TOKEN_SECRET: secret(),
      COSTS_WEBHOOK_SIGNING_KEY: secret(),
      SIGN_IN_RATE_LIMIT_IP: '1000',
      ...env,
    },
  });
  const url = `http://localhost:${port}`;
  const stop = () => void app.kill('SIGTERM');
  try {
    await expect
      .poll(
        async () => (await fetch(`${url}/api/trpc/account.providers`).catch(() => null))?.status,
        { timeout: 180_000, intervals: [1000] },
      )
      .toBe(200);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, stop };
}

/**
 * Every CSP violation any document of the context reports (the `securitypolicyviolation` event),
 * collected on the test's side so navigations lose none.
 */
export async function watchPolicyViolations(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  // What the browser's console says too (Chrome logs every refused script, style or frame there).
  context.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text()))
      seen.push(`console: ${message.text()}`);
  });
  await context.exposeFunction('reportPolicyViolation', (text: string) => seen.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportPolicyViolation: (text: string) => void })
        .reportPolicyViolation;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI} on ${event.documentURI} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return seen;
}

/**
 * Serves the widget suite's host pages (another origin embedding the demo widget) for this spec
 * file. Another spec running beside it may already serve them: then theirs are used.
 */
export function serveHostPages(appUrl: string) {
  let stop: (() => Promise<void>) | undefined;
  test.beforeAll(async () => {
    try {
      stop = await startHostPages(appUrl);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  });
  test.afterAll(async () => {
    await stop?.();
  });
}
