import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectAccessible, PASSWORD, snap, uniqueEmail } from './helpers';

/**
 * Knowledge from files and pages, parsed on the server: a real PDF uploaded through the drop
 * zone becomes a document, is indexed by the app's ingestion queue, and the retrieval playground
 * shows which chunk a question retrieves and why (fused score, vector rank, text rank).
 */
test.describe.configure({ mode: 'serial' });

const PDF = fileURLToPath(
  new URL('../../../packages/rag/test/fixtures/warranty-card.pdf', import.meta.url),
);
const PDF_TITLE = 'Rocket Skates X2 warranty card';

let context: BrowserContext;
let page: Page;

async function signUp(browser: Browser) {
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto('/sign-up');
  await page.getByLabel('Company or workspace name').fill(`Knowledge test ${Date.now()}`);
  await page.getByLabel('Work email').fill(uniqueEmail('knowledge'));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/onboarding$/, { timeout: 30_000 });
}

test.beforeAll(async ({ browser }) => signUp(browser));
test.afterAll(async () => context?.close());

test('a PDF uploaded through the drop zone is parsed and indexed', async () => {
  test.setTimeout(240_000);
  await page.goto('/knowledge');
  await expect(page.getByRole('heading', { name: 'Knowledge', level: 1 })).toBeVisible();
  await page.getByLabel('Choose files to upload').setInputFiles(PDF);
  const uploads = page.getByRole('list', { name: 'Uploads' });
  await expect(
    uploads.getByRole('listitem').filter({ hasText: 'warranty-card.pdf' }),
  ).toContainText('Added');

  // Titled by the PDF's metadata, then indexed in the background.
  const row = page.getByRole('row').filter({ hasText: PDF_TITLE });
  await expect(row.getByText('Ready')).toBeVisible({ timeout: 180_000 });
  await expect(row.getByRole('cell').nth(2)).not.toHaveText('0');
  await row.getByRole('link').click();
  await expect(page.getByRole('list', { name: 'Chunks' })).toContainText(
    'A spare battery costs 89 euros.',
  );
  await page.goBack();
});

test('the retrieval playground shows the chunk a question retrieves, with both ranks', async ({
  browserName: _browser,
}, testInfo) => {
  await expect(page.getByRole('heading', { name: 'Retrieval playground' })).toBeVisible();
  await page.getByLabel('Question').fill('What does the warranty cover?');
  await page.getByRole('button', { name: 'Search' }).click();
  const hits = page.getByRole('list', { name: 'Retrieved chunks' });
  const first = hits.getByRole('listitem').first();
  await expect(first).toContainText(PDF_TITLE);
  await expect(first).toContainText('It covers the motor, the battery and the charger.');
  await expect(first).toContainText('Vector rank #1');
  await expect(first).toContainText('Text rank #1');
  await expect(first).toContainText(/Score \d\.\d{4}/);
  await expectAccessible(page, testInfo, 'knowledge-playground');
  await snap(page, testInfo, 'knowledge-playground');
});

test('adding a URL the server may not fetch explains why', async ({
  browserName: _browser,
}, testInfo) => {
  await page.getByRole('tab', { name: 'Add URL' }).click();
  await page.getByLabel('Page or file URL').fill('not a url');
  await page.getByRole('button', { name: 'Add URL' }).click();
  await expect(page.getByText('Enter a web address starting with http')).toBeVisible();
  // Private addresses are refused by the server's fetch guard (SSRF), with a readable reason.
  await page.getByLabel('Page or file URL').fill('http://127.0.0.1:9/handbook');
  await page.getByRole('button', { name: 'Add URL' }).click();
  await expect(page.getByText('private or local network, which cannot be fetched')).toBeVisible();
  await expectAccessible(page, testInfo, 'knowledge-add-url');
});
