import { expect, test } from '@playwright/test';
import type { Browser, TestInfo } from '@playwright/test';
import {
  expectAccessible,
  snap,
  startSecondApp,
  serveHostPages,
  watchPolicyViolations,
} from './helpers';

const APP_URL = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
const HOST = 'http://localhost:4100';

serveHostPages(APP_URL);

/**
 * Live handoff across two browsers: a visitor on a customer's site asks for a person; an admin,
 * signed in to the dashboard in another browser context, sees it arrive in the Inbox without
 * reloading, takes it and replies; the visitor sees the reply without reloading. Each live hop
 * must land within 2 s (the expect timeouts below); the measured delays are attached.
 */
test('a visitor asks for a person, an admin answers from the Inbox, both live', async ({
  browser,
}, testInfo) => {
  await handoffBetweenBrowsers(browser, testInfo, { adminAppUrl: APP_URL, checkPages: true });
});

/**
 * The same across two web processes behind one database: the visitor's widget talks to the
 * stack's app, the admin's dashboard to another process. Nothing is shared but the database:
 * each process learns of the other's changes from it (on the embedded server by polling every
 * LIVE_POLL_MS, 500 ms; on a real Postgres by LISTEN/NOTIFY). Same 2 s bound, delays attached.
 */
test('across two web processes: the visitor on one, the admin on the other', async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const second = await startSecondApp(process.env.E2E_SECOND_APP_PORT ?? '4103');
  try {
    await handoffBetweenBrowsers(browser, testInfo, {
      adminAppUrl: second.url,
      checkPages: false,
    });
  } finally {
    second.stop();
  }
});

async function handoffBetweenBrowsers(
  browser: Browser,
  testInfo: TestInfo,
  options: { adminAppUrl: string; checkPages: boolean },
) {
  const run = Date.now().toString(36);
  const adminContext = await browser.newContext({ baseURL: options.adminAppUrl });
  // The Inbox and conversation pages run with the dashboard's CSP: nothing may be blocked.
  const violations = await watchPolicyViolations(adminContext);
  const admin = await adminContext.newPage();
  await admin.goto('/sign-in');
  await admin.getByLabel('Email').fill('admin@acme.test');
  await admin.getByLabel('Password').fill('acme-demo-password');
  await admin.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(admin).not.toHaveURL(/sign-in/, { timeout: 30_000 });
  await admin.goto('/inbox');
  await expect(admin.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await admin.waitForLoadState('networkidle');

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${HOST}/`);
  const chat = visitor.frameLocator('iframe[src*="/widget/frame.html"]');
  await chat.getByRole('button', { name: /^Open chat/ }).click();
  await chat.getByRole('button', { name: 'Talk to a person' }).click();
  await expect(chat.getByRole('status').filter({ hasText: 'Waiting for a person' })).toBeVisible();

  const question = `My order ${run} never arrived`;
  const input = chat.getByRole('textbox', { name: 'Your message' });
  await input.fill(question);
  const sent = Date.now();
  await input.press('Enter');
  const row = admin.getByRole('link', { name: question });
  await expect(row).toBeVisible({ timeout: 2000 });
  const toInbox = Date.now() - sent;
  await expect(admin.getByRole('row').filter({ has: row })).toContainText('Waiting');
  if (options.checkPages) {
    await expectAccessible(admin, testInfo, 'inbox');
    await snap(admin, testInfo, 'inbox');
  }

  await row.click();
  await admin.getByRole('button', { name: 'Take conversation' }).click();
  await expect(admin.getByText('You have this conversation')).toBeVisible();
  await expect(
    chat.getByRole('status').filter({ hasText: 'from the team is with you' }),
  ).toBeVisible({
    timeout: 2000,
  });

  const reply = `Hello, I am looking into order ${run} now.`;
  await admin.getByLabel('Reply to the visitor').fill(reply);
  const replied = Date.now();
  await admin.getByRole('button', { name: 'Send reply' }).click();
  const delivered = chat.locator('.msg.person').filter({ hasText: reply });
  await expect(delivered).toBeVisible({ timeout: 2000 });
  const toVisitor = Date.now() - replied;
  await expect(delivered.locator('.who')).toContainText(/\w/); // the person's name and initial

  // The visitor writes while held: the team sees it live, no AI answers it.
  const followUp = `It was order ${run}-42`;
  await input.fill(followUp);
  await input.press('Enter');
  await expect(admin.getByText(followUp)).toBeVisible({ timeout: 2000 });
  await expect(chat.locator('.msg').last()).toHaveClass(/\buser\b/);

  // A reload keeps the person's reply, marked as theirs, and the conversation with them.
  await visitor.reload();
  await expect(chat.getByRole('dialog')).toBeVisible();
  await expect(
    chat.locator('.msg.person').filter({ hasText: reply }).locator('.who'),
  ).toContainText(/\w/);
  await expect(
    chat.getByRole('status').filter({ hasText: 'from the team is with you' }),
  ).toBeVisible();

  await admin.getByLabel('Add an internal note').fill('Customer since 2019');
  await admin.getByRole('button', { name: 'Add note' }).click();
  await expect(admin.getByRole('list', { name: 'Notes' })).toContainText('Customer since 2019');
  if (options.checkPages) {
    await expectAccessible(admin, testInfo, 'inbox-conversation');
    await snap(admin, testInfo, 'inbox-conversation');
  }
  await expect(chat.getByRole('log')).not.toContainText('Customer since 2019');

  await admin.getByRole('button', { name: 'Hand back to the assistant' }).click();
  await expect(chat.getByRole('button', { name: 'Talk to a person' })).toBeVisible({
    timeout: 2000,
  });
  // Handed back: the assistant answers again.
  await input.fill('How much does express shipping cost?');
  await input.press('Enter');
  await expect(chat.locator('.msg.assistant').last().locator('.bubble')).toContainText('12.50', {
    timeout: 60_000,
  });
  await testInfo.attach('live-delays.json', {
    body: JSON.stringify({ visitorMessageToInboxMs: toInbox, replyToVisitorMs: toVisitor }),
    contentType: 'application/json',
  });
  console.log(
    `live delays (admin on ${options.adminAppUrl}): visitor -> inbox ${toInbox} ms, reply -> visitor ${toVisitor} ms`,
  );
  expect(violations).toEqual([]);
  await adminContext.close();
  await visitor.context().close();
}
