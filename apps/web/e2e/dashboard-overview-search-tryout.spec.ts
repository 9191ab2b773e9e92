import { expect, test } from '@playwright/test';
import { expectAccessible, PASSWORD, snap, uniqueEmail } from './helpers';

/**
 * The overview's exact monthly figures, conversation search on the server (kept in the URL), and
 * a personality's test chat answering from the knowledge base without becoming a conversation.
 */
const DOC = {
  title: 'Lumen lamp refunds',
  content:
    'Refunds for the Lumen desk lamp are paid within fourteen days of receiving the returned lamp. ' +
    'The Lumen desk lamp has three brightness levels.',
};

test('overview figures, conversation search and the personality test chat', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const nav = async (name: string) => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name, exact: true })
      .click();
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  };

  await test.step('sign up, a widget, a document and one visitor conversation', async () => {
    await page.goto('/sign-up');
    await page.getByLabel('Company or workspace name').fill(`Lumen ${Date.now()}`);
    await page.getByLabel('Work email').fill(uniqueEmail('tryout'));
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/onboarding$/, { timeout: 30_000 });
    await page.getByLabel('Widget name').fill('Lamp helper');
    await page.getByLabel("Your site's address").fill('https://shop.lumen.example');
    await page.getByRole('button', { name: 'Create widget' }).click();
    await expect(page.getByText('Created “Lamp helper”')).toBeVisible();
    await page.getByLabel('Title').fill(DOC.title);
    await page.getByLabel('Text').fill(DOC.content);
    await page.getByRole('button', { name: 'Add document' }).click();
    await expect(page.getByText('Ready', { exact: true })).toBeVisible({ timeout: 120_000 });

    await page.locator('iframe[title="Widget test page"]').scrollIntoViewIfNeeded();
    const chat = page
      .frameLocator('iframe[title="Widget test page"]')
      .frameLocator('iframe[src*="/widget/frame.html"]');
    await chat.getByRole('button', { name: /^Open chat/ }).click({ timeout: 30_000 });
    const input = chat.getByRole('textbox', { name: 'Your message' });
    await input.fill('When are refunds for the lamp paid?');
    await input.press('Enter');
    await expect(chat.locator('.msg.assistant').last()).toContainText('fourteen days', {
      timeout: 60_000,
    });
  });

  await test.step('the overview counts this month exactly', async () => {
    await nav('Overview');
    const stat = (label: string) => page.getByRole('region', { name: label });
    await expect(stat('Conversations this month')).toHaveText(/this month\s*1$/);
    await expect(stat('Messages this month')).toHaveText(/this month\s*2$/);
    await expect(page.getByTestId('month-spend')).toContainText('limit');
    await expect(page.getByRole('link', { name: /Lamp helper · 2 messages/ })).toBeVisible();
    await expectAccessible(page, testInfo, 'overview');
  });

  await test.step('conversation search runs on the server and survives a reload', async () => {
    await nav('Conversations');
    const search = page.getByLabel('Search messages');
    // Stemmed: "refund" in the search finds "Refunds" in the messages.
    await search.fill('refund');
    await expect(page).toHaveURL(/[?&]q=refund/);
    await expect(page.getByRole('row').filter({ hasText: 'Lamp helper' })).toHaveCount(1);
    await page.reload();
    await expect(page.getByLabel('Search messages')).toHaveValue('refund');
    await expect(page.getByRole('row').filter({ hasText: 'Lamp helper' })).toHaveCount(1);
    await page.getByLabel('Search messages').fill('zebra');
    await expect(page.getByText('No conversations mention “zebra”')).toBeVisible();
    await expectAccessible(page, testInfo, 'conversations-search');
    await snap(page, testInfo, 'conversations-search');
  });

  await test.step('a personality answers in the test chat, unsaved edits included', async () => {
    await nav('Personalities');
    await page.getByRole('link', { name: 'New personality' }).first().click();
    // Offered before saving too (a draft), and once saved (below).
    await expect(page.getByRole('region', { name: 'Try it in a test chat' })).toBeVisible();
    await page.getByLabel('Name').fill('Lamp expert');
    await page.getByRole('button', { name: 'Create personality' }).click();
    await expect(page).toHaveURL(/\/personalities\/[0-9a-f-]{36}$/);
    // An unsaved edit: the test chat uses it as it stands.
    await page.getByLabel('System prompt').fill('Answer in one short sentence.');
    const panel = page.getByRole('region', { name: 'Try it in a test chat' });
    await expect(panel.getByText('No test messages yet')).toBeVisible();
    await panel.getByLabel('Test message').fill('When are refunds for the lamp paid?');
    await panel.getByRole('button', { name: 'Send test message' }).click();
    const answer = panel.getByTestId('try-answer').last();
    await expect(answer).toContainText('fourteen days', { timeout: 60_000 });
    await expect(answer).toContainText(DOC.title);
    await expect(answer).toContainText('extractive-v1');
    await expect(answer).toContainText('Cost $0.00');
    await expectAccessible(page, testInfo, 'personality-try-chat');
    await snap(page, testInfo, 'personality-try-chat');
  });

  await test.step('the test chat is not a conversation, but its calls are metered as a test chat', async () => {
    await nav('Overview');
    await expect(page.getByRole('region', { name: 'Conversations this month' })).toHaveText(
      /this month\s*1$/,
    );
    await nav('Costs');
    await expect(page.getByRole('row').filter({ hasText: 'Test chat' }).first()).toBeVisible();
  });
});
