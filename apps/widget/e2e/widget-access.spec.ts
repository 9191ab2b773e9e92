import { ask, expect, HOST, test, widget } from './support';

/** Keyboard only, a phone-sized screen, and the visitor's dark mode (the demo widget's theme is auto). */
test('works with the keyboard alone', async ({ page }) => {
  await page.goto(`${HOST}/`);
  const chat = widget(page);
  const launcher = chat.getByRole('button', { name: /^Open chat/ });
  await expect(launcher).toBeVisible();
  // Tab from the host page's own controls into the widget.
  await page.locator('button.cta').focus();
  await page.keyboard.press('Tab');
  await expect(launcher).toBeFocused();
  await page.keyboard.press('Enter');
  const input = chat.getByRole('textbox', { name: 'Your message' });
  await expect(input).toBeFocused();
  await page.keyboard.type('When is support available?');
  await page.keyboard.press('Enter');
  await expect(
    chat.locator('.msg.assistant').last().getByRole('button', { name: 'Helpful', exact: true }),
  ).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('Escape');
  await expect(chat.getByRole('dialog')).toHaveCount(0);
  await expect(launcher).toBeFocused();
});

test.describe('phone', () => {
  test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

  test('the open chat fills the screen and stays usable', async ({ page }, testInfo) => {
    await page.goto(`${HOST}/`);
    const chat = widget(page);
    await chat.getByRole('button', { name: /^Open chat/ }).tap();
    // The loader resizes the iframe when the frame's postMessage arrives: poll, do not race it.
    const iframeBox = () => page.locator('iframe[src*="/widget/frame.html"]').boundingBox();
    await expect.poll(iframeBox).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    await expect(chat.locator('.panel')).toHaveCSS('border-radius', '0px');
    await ask(page, 'How fast are the Rocket Skates?');
    await expect(chat.locator('.msg.assistant').last().locator('.bubble')).toContainText(
      '40 km/h',
      { timeout: 60_000 },
    );
    await page.screenshot({ path: testInfo.outputPath('widget-phone.png') });
    await chat.getByRole('button', { name: 'Close chat' }).tap();
    await expect.poll(async () => (await iframeBox())?.width).toBeLessThan(100);
  });
});

test.describe('dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the auto theme follows the visitor’s preference', async ({ page }) => {
    await page.goto(`${HOST}/`);
    await widget(page)
      .getByRole('button', { name: /^Open chat/ })
      .click();
    await expect(widget(page).locator('.pw')).toHaveClass(/\bdark\b/);
    await expect(widget(page).locator('.panel')).toHaveCSS('background-color', 'rgb(24, 24, 27)');
  });
});
