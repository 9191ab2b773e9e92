import type { ConsoleMessage, Page } from '@playwright/test';
import { DEMO_WIDGET_ID, expect, HOST, HOST_OFF_LIST, test } from './support';

/**
 * Mistakes in the embed are told to the host page's developer once, in plain words, in the
 * console; visitors see no broken widget.
 */
function widgetErrors(page: Page): string[] {
  const messages: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && message.text().startsWith('[chat widget]'))
      messages.push(message.text());
  });
  return messages;
}

async function settle(page: Page, messages: string[]) {
  await expect.poll(() => messages.length, { timeout: 30_000 }).toBeGreaterThan(0);
  await page.waitForTimeout(2000); // nothing more arrives
}

test('a wrong widget id', async ({ page }) => {
  const messages = widgetErrors(page);
  await page.goto(`${HOST}/unknown-widget`);
  await settle(page, messages);
  expect(messages).toEqual([
    expect.stringContaining('no widget has the id "00000000-0000-4000-8000-00000000dead"'),
  ]);
  await expect(page.locator('iframe')).toHaveCount(0);
});

test('a page whose origin is not in the widget’s allowed domains', async ({ page }) => {
  const messages = widgetErrors(page);
  await page.goto(`${HOST_OFF_LIST}/`);
  await settle(page, messages);
  expect(messages).toEqual([
    `[chat widget] The chat widget cannot start on this page: ${HOST_OFF_LIST} is not in the allowed domains of widget "${DEMO_WIDGET_ID}". Add exactly "${HOST_OFF_LIST}" to its domain whitelist in the dashboard (Widgets).`,
  ]);
  await expect(page.locator('iframe')).toHaveCount(0);
});

test('a tag without data-widget-id', async ({ page }) => {
  const messages = widgetErrors(page);
  await page.goto(`${HOST}/no-id`);
  await settle(page, messages);
  expect(messages).toEqual([expect.stringContaining('has no data-widget-id attribute')]);
});
