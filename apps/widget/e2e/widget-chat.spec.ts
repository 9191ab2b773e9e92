import { APP_URL, ask, expect, HOST, openChat, test, widget } from './support';

/**
 * The visitor's journey on a customer's site (another origin than the app): open the chat, ask
 * a question the seeded knowledge answers, watch the answer stream in with its sources, rate it,
 * reload, and find the conversation still there.
 */
test('a visitor asks the seeded knowledge, sees a streamed answer with sources, and keeps it after a reload', async ({
  page,
}, testInfo) => {
  const chatResponses: Array<Promise<{ type: string; body: string }>> = [];
  page.on('response', (response) => {
    if (response.url().endsWith('/chat'))
      chatResponses.push(
        response.text().then((body) => ({ type: response.headers()['content-type'] ?? '', body })),
      );
  });
  await page.goto(`${HOST}/`);
  expect(new URL(page.url()).origin).not.toBe(new URL(APP_URL).origin);

  await openChat(page);
  const chat = widget(page);
  await expect(chat.getByRole('log')).toContainText(
    'Ask me about shipping, returns or the Rocket Skates.',
  );

  await ask(page, 'How much does express shipping cost?');
  await expect(chat.locator('.msg.user .bubble').last()).toHaveText(
    'How much does express shipping cost?',
  );

  const answer = chat.locator('.msg.assistant').last();
  await expect(answer.getByRole('group', { name: 'Was this answer helpful?' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(answer.locator('.bubble')).toContainText('12.50');
  await expect(answer.locator('.sources')).toContainText('Shipping policy');
  // Streamed as server-sent events, piece by piece; the bubble shows them joined. (The offline
  // model answers instantly, so the pieces may all render at once; the frame's handling of
  // pieces arriving apart is covered by its controller tests.)
  expect(chatResponses).toHaveLength(1);
  const sse = await chatResponses[0]!;
  expect(sse.type).toContain('text/event-stream');
  const deltas = sse.body
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice(6)) as { type: string; text?: string })
    .filter((event) => event.type === 'delta');
  expect(deltas.length).toBeGreaterThan(1);
  await expect(answer.locator('.bubble')).toHaveText(deltas.map((d) => d.text).join(''));

  const rated = page.waitForResponse((r) => r.url().endsWith('/feedback'));
  await answer.getByRole('button', { name: 'Helpful', exact: true }).click();
  await expect(answer.getByRole('button', { name: 'Helpful', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  expect((await rated).status()).toBe(200);

  await page.screenshot({ path: testInfo.outputPath('widget-answer.png') });
  await testInfo.attach('widget-answer', {
    path: testInfo.outputPath('widget-answer.png'),
    contentType: 'image/png',
  });

  // Reload: the same conversation, with the rating, and the chat still open.
  await page.reload();
  const again = widget(page);
  await expect(again.getByRole('dialog')).toBeVisible();
  await expect(again.locator('.msg.user .bubble')).toHaveText([
    'How much does express shipping cost?',
  ]);
  const kept = again.locator('.msg.assistant').last();
  await expect(kept.locator('.bubble')).toContainText('12.50');
  await expect(kept.locator('.sources')).toContainText('Shipping policy');
  await expect(kept.getByRole('button', { name: 'Helpful', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.screenshot({ path: testInfo.outputPath('widget-after-reload.png') });

  // And the visitor can carry on.
  await ask(page, 'How long do I have to return a product?');
  await expect(again.locator('.msg.assistant').last().locator('.bubble')).toContainText('30 days', {
    timeout: 60_000,
  });
});
