import { expect, test } from '@playwright/test';
import { expectAccessible, PASSWORD, snap, uniqueEmail } from './helpers';

/** Deleting a workspace: typed confirmation, then everything (the owner's account too) is gone. */
test('settings: delete the workspace with typed confirmation', async ({ page }, testInfo) => {
  const email = uniqueEmail('delete');
  const workspace = `Doomed ${Date.now()}`;
  await page.goto('/sign-up');
  await page.getByLabel('Company or workspace name').fill(workspace);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/onboarding$/, { timeout: 30_000 });

  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await page.getByRole('button', { name: 'Delete workspace' }).click();
  const dialog = page.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: 'Delete workspace' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type .* to confirm/).fill('wrong name');
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type .* to confirm/).fill(workspace);
  await expect(confirm).toBeEnabled();
  await expectAccessible(page, testInfo, 'delete-dialog');
  await snap(page, testInfo, 'delete-dialog');
  await confirm.click();
  await expect(page).toHaveURL(/\/sign-up$/);

  // Everything went with it: the owner can no longer sign in.
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('That email and password do not match an account.')).toBeVisible();
});
