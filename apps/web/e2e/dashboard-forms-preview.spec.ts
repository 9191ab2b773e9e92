import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, PASSWORD, snap, uniqueEmail } from './helpers';

/**
 * Forms validate with the API's own schemas in the browser (no request for a bad value), and the
 * widget form's live preview is the real widget frame, following the unsaved form and chatting
 * once the widget allows this dashboard's origin.
 */
test.describe.configure({ mode: 'serial' });

let page: Page;
/** tRPC calls the page made, by procedure path (batched calls list each path). */
const calls: string[] = [];

test.beforeAll(async ({ browser }) => {
  page = await (await browser.newContext()).newPage();
  page.on('request', (request) => {
    const match = /\/api\/trpc\/([^?]+)/.exec(request.url());
    if (match?.[1]) calls.push(...match[1].split(','));
  });
  await page.goto('/sign-up');
  await page.getByLabel('Company or workspace name').fill(`Forms ${Date.now()}`);
  await page.getByLabel('Work email').fill(uniqueEmail('forms'));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/onboarding$/, { timeout: 30_000 });
});
test.afterAll(async () => page?.context().close());

const preview = () => page.frameLocator('[data-testid="widget-preview-frame"]');

test('the widget form checks values with the API schema before any request', async () => {
  await page.goto('/widgets/new');
  await expect(page.getByRole('heading', { name: 'New widget' })).toBeVisible();
  calls.length = 0;

  // Credentials in an origin pass the URL parser but not the API's origin rule.
  const domain = page.getByLabel('Add to allowed domains');
  await domain.fill('https://user:secret@shop.example');
  await domain.press('Enter');
  await expect(page.getByText('Use an origin like https://example.com')).toBeVisible();
  await expect(domain).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('list', { name: 'Allowed domains' })).toHaveCount(0);

  // Submitting without a name: the schema's message under the field, focus on it, no request.
  await page.getByRole('button', { name: 'Create widget' }).click();
  const name = page.getByLabel('Name', { exact: true });
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();
  const describedBy = await name.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText('This field is required.');

  // A half-typed colour is reported on blur, in the API's words.
  const colour = page.getByLabel('Primary colour', { exact: true });
  await colour.fill('#12');
  await colour.blur();
  await expect(page.getByText('Use a hex colour like #4f46e5.')).toBeVisible();
  expect(calls.filter((c) => c.startsWith('widgets.'))).toEqual([]);
});

test('the preview is the real widget, following the unsaved form', async ({
  browserName: _browser,
}, testInfo) => {
  const frame = preview();
  const header = frame.locator('.head');
  await expect(frame.getByRole('dialog', { name: /^Chat: / })).toBeVisible({ timeout: 30_000 });

  await page.getByLabel('Name', { exact: true }).fill('Preview bot');
  await page.getByLabel('Greeting').fill('Hello from the draft');
  await page.getByLabel('Primary colour', { exact: true }).fill('#0f766e');
  await expect(frame.getByRole('heading', { name: 'Preview bot' })).toBeVisible();
  await expect(frame.getByRole('log')).toContainText('Hello from the draft');
  await expect(header).toHaveCSS('background-color', 'rgb(15, 118, 110)');

  await page.getByLabel('Primary colour', { exact: true }).fill('#b91c1c');
  await page.getByLabel('Theme', { exact: true }).selectOption('dark');
  await expect(header).toHaveCSS('background-color', 'rgb(185, 28, 28)');
  await expect(frame.locator('.pw')).toHaveClass(/\bdark\b/);
  // Not saved yet: the preview says why it cannot chat.
  await expect(page.getByText('Save the widget to chat with it here.')).toBeVisible();
  await expectAccessible(page, testInfo, 'widget-new-preview');
  await snap(page, testInfo, 'widget-new-preview');
});

test('once saved with this origin allowed, the preview chats', async () => {
  const origin = new URL(page.url()).origin;
  const domain = page.getByLabel('Add to allowed domains');
  await domain.fill(origin);
  await domain.press('Enter');
  await page.getByRole('button', { name: 'Create widget' }).click();
  await expect(page).toHaveURL(/\/widgets\/[0-9a-f-]{36}$/, { timeout: 30_000 });

  const frame = preview();
  await expect(page.getByText('you can chat with it')).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByRole('log')).toContainText('Hello from the draft');
  // An unsaved greeting shows while a real session is open.
  await page.getByLabel('Greeting').fill('Edited, not saved');
  await expect(frame.getByRole('log')).toContainText('Edited, not saved');

  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill('Hello, are you there?');
  await input.press('Enter');
  await expect(frame.locator('.msg.user').last()).toContainText('Hello, are you there?');
  await expect(frame.getByRole('group', { name: 'Was this answer helpful?' })).toBeVisible({
    timeout: 60_000,
  });
});
