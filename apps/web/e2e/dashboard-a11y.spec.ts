import { expect, test } from '@playwright/test';
import { expectAccessible, PASSWORD, snap, uniqueEmail } from './helpers';

/** The dark theme passes axe too, the choice persists, and the dashboard works from the keyboard. */
test('dark theme and keyboard navigation', async ({ page }, testInfo) => {
  await page.goto('/sign-up');
  await page.getByLabel('Company or workspace name').fill('Keyboard Co');
  await page.getByLabel('Work email').fill(uniqueEmail('a11y'));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter'); // submitting from the keyboard
  await expect(page).toHaveURL(/\/onboarding$/, { timeout: 30_000 });

  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.getByRole('radio', { name: 'Dark' })).toHaveAttribute('aria-checked', 'true');
  await expectAccessible(page, testInfo, 'onboarding-dark');
  await snap(page, testInfo, 'onboarding-dark');

  for (const [path, name] of [
    ['/overview', 'overview-dark'],
    ['/widgets/new', 'widget-new-dark'],
    ['/knowledge', 'knowledge-dark'],
    ['/costs', 'costs-dark'],
    ['/team', 'team-dark'],
    ['/settings', 'settings-dark'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, testInfo, name);
  }
  await snap(page, testInfo, 'settings-dark');

  // Skip link first, then straight into the page.
  await page.goto('/overview');
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);

  // The sidebar is a list of links reachable with Tab; Enter follows one.
  await page.goto('/overview');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Widgets' })
    .focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/widgets$/);
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Widgets' }),
  ).toHaveAttribute('aria-current', 'page');

  // Dialogs trap focus and close with Escape, returning focus to their trigger.
  await page.goto('/settings');
  const trigger = page.getByRole('button', { name: 'Delete workspace' });
  await trigger.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(trigger).toBeFocused();

  // On a phone the sidebar folds into a menu button.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto('/overview');
  const menu = page.getByRole('button', { name: 'Open menu' });
  await expect(menu).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await menu.click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
  await expect(page).toHaveURL(/\/team$/);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  // Nothing is wider than the phone: tables scroll inside their own box.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page, testInfo, 'team-phone');
  await snap(page, testInfo, 'team-phone');
});
