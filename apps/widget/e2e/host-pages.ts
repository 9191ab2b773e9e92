// A customer's website for the browser tests: static pages on another origin than the app, each
// embedding the widget with the one script tag. Listens on :4100 (in the demo widget's
// whitelist) and :4101 (not in it).
//   APP_URL    the platform (default http://localhost:3000)
//   WIDGET_ID  the widget to embed (default: the seeded demo widget)
import { createServer } from 'node:http';
import console from 'node:console';
import process from 'node:process';
import { URL } from 'node:url';

const app = process.env.APP_URL ?? 'http://localhost:3000';
const demoWidget = process.env.WIDGET_ID ?? '5eed0000-0000-4000-8000-000000000001';
const ports = [
  Number(process.env.HOST_PORT ?? 4100),
  Number(process.env.HOST_PORT_OFF_LIST ?? 4101),
];

const base = `
  body { font: 16px/1.5 Georgia, serif; margin: 0; padding: 32px; background: #ffffff; color: #222; }
  main { max-width: 40rem; }
  .card { border: 1px solid #ccc; padding: 16px; margin: 16px 0; }
  button.cta { padding: 8px 16px; }`;

// What real sites and CSS resets do that breaks naive widgets.
const aggressive = `
  body * { all: unset !important; }
  main, p, h1, div, section, .card { display: block !important; }
  iframe { display: none !important; visibility: hidden !important; opacity: 0 !important;
           position: static !important; width: 1px !important; height: 1px !important;
           transform: scale(0.2) !important; filter: blur(8px) invert(1) !important;
           border: 10px solid red !important; z-index: -1 !important; }
  div, button, section, span { font-family: 'Comic Sans MS', cursive !important; color: #f0f !important;
           box-sizing: content-box !important; line-height: 3 !important; }
  :root { color-scheme: dark; --p: red; --bg: lime; }
  * { transition: all 3s !important; }`;

function page({ title, css = '', tag = true, widgetId = demoWidget }) {
  const script = tag
    ? `<script src="${app}/embed.js" data-widget-id="${widgetId}" async></script>`
    : '';
  const attr = widgetId === null ? '' : ` data-widget-id="${widgetId}"`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${base}${css}</style>
</head>
<body>
<main>
  <h1>Acme Rocket Skates</h1>
  <p id="intro">Fast skates for fast people. Free shipping above 50 euros.</p>
  <div class="card"><p>Spring sale: 20% off the Rocket Skates X2.</p><button class="cta" type="button">Shop now</button></div>
  <section class="card"><p>Questions? Our assistant in the corner knows our policies.</p></section>
</main>
${tag ? script.replace(` data-widget-id="${widgetId}"`, attr) : ''}
</body>
</html>`;
}

const pages = {
  '/': () => page({ title: 'Acme (plain)' }),
  '/aggressive': () => page({ title: 'Acme (aggressive CSS)', css: aggressive }),
  '/aggressive-bare': () => page({ title: 'Acme (aggressive CSS)', css: aggressive, tag: false }),
  '/unknown-widget': () =>
    page({ title: 'Acme (wrong id)', widgetId: '00000000-0000-4000-8000-00000000dead' }),
  '/no-id': () => page({ title: 'Acme (no id)', widgetId: null }),
};

for (const port of ports) {
  createServer((req, res) => {
    const render = pages[new URL(req.url ?? '/', 'http://x').pathname];
    if (!render) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(render());
  }).listen(port, () =>
    console.log(`host page on http://localhost:${port} embedding ${app}/embed.js`),
  );
}
