import { expect, test } from '@playwright/test';
import {
  expectAccessible,
  PASSWORD,
  snap,
  uniqueEmail,
  serveHostPages,
  watchPolicyViolations,
} from './helpers';

const APP_URL = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
const HOST = 'http://localhost:4100';

serveHostPages(APP_URL);

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

/**
 * From a visitor's unanswered question to the assistant answering it: the visitor asks the demo
 * widget (on a customer's site) something its knowledge does not cover and is offered a person;
 * the admin finds the question on Insights, writes the answer and saves it to the knowledge base
 * in one step; once indexed, the same question is answered from that document.
 */
test('an unanswered question, answered from Insights, is then answered by the assistant', async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const word = `zorblax${Date.now().toString(36)}`;
  const question = `Do you deliver ${word} crystals to Mars?`;

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${HOST}/`);
  const chat = visitor.frameLocator('iframe[src*="/widget/frame.html"]');
  await chat.getByRole('button', { name: /^Open chat/ }).click();
  const ask = async (text: string) => {
    const input = chat.getByRole('textbox', { name: 'Your message' });
    await input.fill(text);
    await input.press('Enter');
    const answer = chat.locator('.msg.assistant').last();
    await expect(answer.getByRole('group', { name: 'Was this answer helpful?' })).toBeVisible({
      timeout: 60_000,
    });
    return answer;
  };
  // Nothing relevant in the knowledge: the answer comes with the offer of a person.
  const unanswered = await ask(question);
  await expect(unanswered.getByRole('button', { name: 'Talk to a person' })).toBeVisible();

  const adminContext = await browser.newContext({ baseURL: APP_URL });
  // Insights with data (its bars, the answer form) runs with the dashboard's CSP too.
  const violations = await watchPolicyViolations(adminContext);
  const admin = await adminContext.newPage();
  await admin.goto('/sign-in');
  await admin.getByLabel('Email').fill('admin@acme.test');
  await admin.getByLabel('Password').fill('acme-demo-password');
  await admin.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(admin).not.toHaveURL(/sign-in/, { timeout: 30_000 });
  await admin.goto('/insights');
  const group = admin
    .getByRole('list', { name: 'Unanswered question groups' })
    .getByRole('listitem')
    .filter({ hasText: question });
  await expect(group).toContainText('1×');
  await expect(group).toContainText('1 without a source');
  await expect(group.getByRole('link', { name: 'Conversation 1' })).toHaveAttribute(
    'href',
    /^\/conversations\/[0-9a-f-]{36}$/,
  );
  await group.getByRole('button', { name: 'Write the answer' }).click();
  await group
    .getByLabel('Answer')
    .fill(`Yes: ${word} crystals reach Mars in 9 days, for 40 euros.`);
  await admin.waitForLoadState('networkidle');
  await expectAccessible(admin, testInfo, 'insights-answer');
  await snap(admin, testInfo, 'insights-answer');
  await group.getByRole('button', { name: 'Save to knowledge base' }).click();
  await expect(admin.getByText('Saved to the knowledge base')).toBeVisible();

  await admin.goto('/knowledge');
  const row = admin.getByRole('row').filter({ hasText: question });
  await expect(async () => {
    await admin.reload();
    await expect(row.getByText('Ready')).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 180_000 });

  const answered = await ask(question);
  await expect(answered.locator('.bubble')).toContainText('9 days');
  await expect(answered.locator('.sources')).toContainText(question);
  await expect(answered.getByRole('button', { name: 'Talk to a person' })).toHaveCount(0);
  expect(violations).toEqual([]);
  await adminContext.close();
  await visitor.context().close();
});
