// A customer's website for the browser tests: static pages on another origin than the app, each
// embedding the widget with the one script tag. :4100 is in the demo widget's whitelist, :4101
// is not. The specs start it themselves (support.ts); to look at it by hand:
//   APP_URL=http://localhost:3000 pnpm --filter @platform/widget host
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import process from 'node:process';

export const HOST_PORTS = [4100, 4101] as const;
const DEMO_WIDGET_ID = '5eed0000-0000-4000-8000-000000000001';

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

interface PageOptions {
  app: string;
  title: string;
  css?: string;
  tag?: boolean;
  /** null: a tag without data-widget-id */
  widgetId?: string | null;
}

function page({ app, title, css = '', tag = true, widgetId = DEMO_WIDGET_ID }: PageOptions) {
  const attr = widgetId === null ? '' : ` data-widget-id="${widgetId}"`;
  const script = tag ? `<script src="${app}/embed.js"${attr} async></script>` : '';
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
${script}
</body>
</html>`;
}

const pages: Record<string, (app: string) => string> = {
  '/': (app) => page({ app, title: 'Acme (plain)' }),
  '/aggressive': (app) => page({ app, title: 'Acme (aggressive CSS)', css: aggressive }),
  '/aggressive-bare': (app) =>
    page({ app, title: 'Acme (aggressive CSS)', css: aggressive, tag: false }),
  '/unknown-widget': (app) =>
    page({ app, title: 'Acme (wrong id)', widgetId: '00000000-0000-4000-8000-00000000dead' }),
  '/no-id': (app) => page({ app, title: 'Acme (no id)', widgetId: null }),
};

/** Serves the host pages on both ports; resolves once listening, with a function to stop them. */
export async function startHostPages(app: string): Promise<() => Promise<void>> {
  const servers: Server[] = [];
  for (const port of HOST_PORTS) {
    const server = createServer((req, res) => {
      const render = pages[new URL(req.url ?? '/', 'http://x').pathname];
      if (!render) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(render(app));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, resolve);
    });
    servers.push(server);
  }
  return async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  };
}

if (process.argv[1]?.endsWith('host-pages.ts')) {
  const app = process.env.APP_URL ?? 'http://localhost:3000';
  await startHostPages(app);
  console.log(`host pages on http://localhost:4100 and :4101, embedding ${app}/embed.js`);
}
