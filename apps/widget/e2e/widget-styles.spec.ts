import type { Page } from '@playwright/test';
import { expect, HOST, openChat, test, widget } from './support';

/**
 * Isolation both ways: a host page with hostile CSS (`body * { all: unset !important }`,
 * `iframe { display: none !important; ... }`, forced fonts, transitions) does not change the
 * widget, and the widget does not change the host page.
 */
test.use({ viewport: { width: 1280, height: 800 } });

async function frameBox(page: Page) {
  return page.locator('iframe[src*="/widget/frame.html"]').evaluate((el) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
      rect: [r.x, r.y, r.width, r.height].map(Math.round),
      display: s.display,
      visibility: s.visibility,
      opacity: s.opacity,
      position: s.position,
      transform: s.transform,
      filter: s.filter,
      border: s.borderTopWidth,
      zIndex: s.zIndex,
    };
  });
}

test('hostile host CSS changes nothing in the widget', async ({ context }) => {
  // Each page in its own tab, so both start closed and are opened the same way.
  const looks = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`${HOST}${path}`);
    const frame = page.locator('iframe[src*="/widget/frame.html"]');
    await expect(widget(page).getByRole('button', { name: /^Open chat/ })).toBeVisible();
    const closed = {
      box: await frameBox(page),
      shot: await frame.screenshot({ animations: 'disabled' }),
    };
    await openChat(page);
    const open = {
      box: await frameBox(page),
      shot: await frame.screenshot({ animations: 'disabled' }),
    };
    const font = await widget(page)
      .locator('.panel')
      .evaluate((el) => getComputedStyle(el).fontFamily);
    return { page, closed, open, font };
  };
  const plain = await looks('/');
  const hostile = await looks('/aggressive');

  // The host's own elements really are restyled...
  await expect(hostile.page.locator('button.cta')).toHaveCSS('font-family', /Comic Sans/);
  // ...but the widget is placed, sized and drawn exactly the same, pixel for pixel.
  expect(hostile.open.box).toMatchObject({
    display: 'block',
    visibility: 'visible',
    opacity: '1',
    position: 'fixed',
    transform: 'none',
    filter: 'none',
    border: '0px',
  });
  expect(hostile.closed.box).toEqual(plain.closed.box);
  expect(hostile.open.box).toEqual(plain.open.box);
  expect(Buffer.compare(hostile.closed.shot, plain.closed.shot)).toBe(0);
  expect(Buffer.compare(hostile.open.shot, plain.open.shot)).toBe(0);
  expect(hostile.font).toBe(plain.font);
});

test('the widget changes nothing on the host page', async ({ page }) => {
  const snapshot = () =>
    page.evaluate(() => {
      const elements = [...document.querySelectorAll('body *')].filter(
        (el) => el.tagName !== 'IFRAME' && el.tagName !== 'SCRIPT',
      );
      return {
        elements: elements.map((el) => {
          const s = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          return [
            el.tagName,
            Math.round(r.x),
            Math.round(r.y),
            Math.round(r.width),
            Math.round(r.height),
            s.fontFamily,
            s.color,
            s.display,
            s.backgroundColor,
          ].join('|');
        }),
        styleSheets: document.styleSheets.length,
        head: document.head.innerHTML,
        htmlStyle: document.documentElement.getAttribute('style'),
        bodyStyle: document.body.getAttribute('style'),
        scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
      };
    });

  for (const path of ['/', '/aggressive']) {
    await page.goto(`${HOST}${path === '/' ? '/' : '/aggressive-bare'}`);
    const without = await snapshot();
    await page.goto(`${HOST}${path}`);
    await openChat(page);
    const withWidget = await snapshot();
    expect(withWidget).toEqual(without);
    // The one thing the loader adds: the iframe, appended at the end of <body>.
    const added = await page.evaluate(() =>
      [...document.body.children].slice(-1).map((el) => el.tagName),
    );
    expect(added).toEqual(['IFRAME']);
  }
});
