import { expect, test } from '@playwright/test';
import { expectAccessible, PASSWORD, snap, uniqueEmail } from './helpers';

/** A new workspace's Insights page: reached from the sidebar, honest about having no data, axe clean. */
test('insights page of a new workspace', async ({ page }, testInfo) => {
  await page.goto('/sign-up');
  await page.getByLabel('Company or workspace name').fill('Insightful Co');
  await page.getByLabel('Work email').fill(uniqueEmail('insights'));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/onboarding$/, { timeout: 30_000 });

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Insights' })
    .click();
  await expect(page).toHaveURL(/\/insights$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  await expect(page.getByText('Nothing unanswered')).toBeVisible();
  // No conversations yet: rates say "no data", never 0 %.
  await expect(page.getByText('no data').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Answer rate per day' })).toBeAttached();

  await page.getByLabel('Period').selectOption('7');
  await expect(
    page.getByRole('table', { name: 'Answer rate per day' }).getByRole('row'),
  ).toHaveCount(8);
  await page.waitForLoadState('networkidle');
  await expectAccessible(page, testInfo, 'insights');
  await snap(page, testInfo, 'insights');
});
