import type { Frame, FrameLocator, Page } from '@playwright/test';
import { test as base, expect } from '@playwright/test';
import { startHostPages } from './host-pages';

export const APP_URL = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
/** The seeded demo widget (packages/db seed: DEMO_WIDGET_ID); it allows http://localhost:4100. */
export const DEMO_WIDGET_ID = '5eed0000-0000-4000-8000-000000000001';
export const HOST = 'http://localhost:4100';
export const HOST_OFF_LIST = 'http://localhost:4101';

export function widget(page: Page): FrameLocator {
  return page.frameLocator('iframe[src*="/widget/frame.html"]');
}

export function widgetFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('/widget/frame.html'));
  if (!frame) throw new Error('The widget frame is not on the page');
  return frame;
}

/**
 * Waits until the loader shows the widget (session started), then opens the chat, unless it is
 * open already (the frame remembers an open chat for the tab, across pages of the site).
 */
export async function openChat(page: Page) {
  const launcher = widget(page).getByRole('button', { name: /^Open chat/ });
  const dialog = widget(page).getByRole('dialog');
  await expect(launcher.or(dialog)).toBeVisible();
  if (await launcher.isVisible()) await launcher.click();
  await expect(dialog).toBeVisible();
}

export async function ask(page: Page, question: string) {
  const input = widget(page).getByRole('textbox', { name: 'Your message' });
  await input.fill(question);
  await input.press('Enter');
}

/**
 * The specs' `test`: starts the host pages (another origin than the app) once per worker, so the
 * suite runs the same from this app's config and from the root one. A server already listening
 * (started by hand) is used as it is.
 */
export const test = base.extend<object, { hostPages: void }>({
  hostPages: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      let stop: (() => Promise<void>) | undefined;
      try {
        stop = await startHostPages(APP_URL);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      }
      await use();
      await stop?.();
    },
    { scope: 'worker', auto: true },
  ],
});

export { expect };
