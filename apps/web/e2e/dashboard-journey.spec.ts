import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectAccessible, PASSWORD, snap, uniqueEmail } from './helpers';

/**
 * The admin's whole first run, in a real browser against the real stack: sign up, create a
 * widget, add a document, watch it get indexed, ask the real widget a question it can only
 * answer from that document, and find the conversation with its sources in the dashboard.
 */
test.describe.configure({ mode: 'serial' });

const FACT_DOC = {
  title: 'Zephyr kettle facts',
  content:
    'The Zephyr 3000 kettle boils one litre of water in 94 seconds. ' +
    'It has a 1.7 litre capacity and switches itself off when the water boils. ' +
    'The Zephyr 3000 comes with a five year warranty covering the heating element.',
};

test('sign-up to a widget answering from an uploaded document', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const email = uniqueEmail('journey');

  await test.step('sign up', async () => {
    await page.goto('/sign-up');
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await expectAccessible(page, testInfo, 'sign-up');
    // Client-side validation with the API's own schema, before any request.
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('Company or workspace name').fill('Zephyr Appliances');
    await page.getByLabel('Work email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/onboarding$/, { timeout: 30_000 });
    await expect(page.getByRole('heading', { name: 'Get started' })).toBeVisible();
    // The first API key is shown once, right after sign-up.
    await expect(page.getByLabel('API key')).toHaveValue(/.{20,}/);
    await expectAccessible(page, testInfo, 'onboarding');
    await snap(page, testInfo, '01-onboarding');
  });

  await test.step('create the first widget', async () => {
    await page.getByLabel('Widget name').fill('Kettle helper');
    await page.getByLabel("Your site's address").fill('https://shop.zephyr.example');
    await page.getByLabel('Greeting').fill('Ask me about the Zephyr 3000!');
    await page.getByRole('button', { name: 'Create widget' }).click();
    await expect(page.getByText('Created “Kettle helper”')).toBeVisible();
  });

  await test.step('add the first document and wait for it to be indexed', async () => {
    await page.getByLabel('Title').fill(FACT_DOC.title);
    await page.getByLabel('Text').fill(FACT_DOC.content);
    await page.getByRole('button', { name: 'Add document' }).click();
    await expect(page.getByText(`“${FACT_DOC.title}”`)).toBeVisible();
    // Ingestion (chunking + the offline embedding model) runs in the background.
    await expect(page.getByText('Ready', { exact: true })).toBeVisible({ timeout: 120_000 });
    await snap(page, testInfo, '02-onboarding-done');
  });

  await test.step('the real widget answers from the document', async () => {
    // The test page is framed in the dashboard; bring the whole frame into view first (the
    // widget sits fixed in its corner, which nested scrolling does not reach).
    await page.locator('iframe[title="Widget test page"]').scrollIntoViewIfNeeded();
    const host = page.frameLocator('iframe[title="Widget test page"]');
    const chat = host.frameLocator('iframe[src*="/widget/frame.html"]');
    const launcher = chat.getByRole('button', { name: /^Open chat/ });
    await expect(launcher).toBeVisible({ timeout: 30_000 });
    await launcher.click();
    await expect(chat.getByRole('log')).toContainText('Ask me about the Zephyr 3000!');
    const input = chat.getByRole('textbox', { name: 'Your message' });
    await input.fill('How fast does the Zephyr 3000 kettle boil a litre of water?');
    await input.press('Enter');
    const answer = chat.locator('.msg.assistant').last();
    await expect(answer).toContainText('94 seconds', { timeout: 60_000 });
    await expect(answer).toContainText(FACT_DOC.title);
    await snap(page, testInfo, '03-widget-answer');
  });

  await test.step('copy the snippet', async () => {
    await page.getByRole('button', { name: 'It works: next step' }).click();
    await expect(page.getByLabel('Embed snippet')).toContainText('data-widget-id=');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy snippet' }).click();
    await expect(page.getByText('Copied to clipboard')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(
      /^<script src=".+\/embed\.js" data-widget-id="[0-9a-f-]{36}" async><\/script>$/,
    );
  });

  await test.step('the conversation is in the dashboard with its sources', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Conversations' })
      .click();
    await expect(page.getByRole('heading', { name: 'Conversations' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: 'Kettle helper' }).first();
    await expect(row).toBeVisible();
    await expectAccessible(page, testInfo, 'conversations');
    await row.getByRole('link').click();
    await expect(page.getByRole('list', { name: 'Messages' })).toContainText(
      'How fast does the Zephyr 3000',
    );
    await expect(page.getByRole('list', { name: 'Messages' })).toContainText('94 seconds');
    await page
      .getByText(/\d+ sources?/)
      .first()
      .click();
    await expect(page.getByRole('link', { name: FACT_DOC.title }).first()).toBeVisible();
    await expectAccessible(page, testInfo, 'transcript');
    await snap(page, testInfo, '04-transcript');
  });

  await test.step('costs list the metered calls of that answer, and export them', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Costs' })
      .click();
    const events = page.getByRole('region', { name: 'Events' });
    await expect(page.getByRole('row').filter({ hasText: 'Language model' }).first()).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: 'Embeddings' }).first()).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'timestamp,service,provider,model,tokens,cost_usd,conversation_id',
    );
    expect(csv).toContain(',llm,');
    await expect(events).toBeVisible();
    await expectAccessible(page, testInfo, 'costs-with-events');
    await snap(page, testInfo, '05-costs');
  });

  await test.step('overview counts the conversation', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Overview' })
      .click();
    await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
    await expect(
      page.getByText('Conversations this month').locator('..').locator('..'),
    ).toContainText('1');
    await expect(
      page.getByRole('heading', { name: 'Recent conversations' }).locator('..').locator('..'),
    ).toContainText('Kettle helper');
    await expectAccessible(page, testInfo, 'overview');
    await snap(page, testInfo, '06-overview');
  });

  await test.step('sign out, and the dashboard is closed', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto('/widgets');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fwidgets/);
    await expectAccessible(page, testInfo, 'sign-in');
    // Signing back in returns to where the visitor was going.
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('That email and password do not match an account.')).toBeVisible();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/widgets$/);
    await expect(page.getByRole('link', { name: 'Kettle helper' })).toBeVisible();
  });
});
