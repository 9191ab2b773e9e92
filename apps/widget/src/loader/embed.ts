/**
 * The loader: `<script src="https://app.example/embed.js" data-widget-id="..." async></script>`.
 *
 * Framework-free and tiny (budget 3 KB gzip). It adds one iframe (the chat frame, served from the
 * app's origin) and nothing else to the host page: no global CSS, no globals beyond a guard flag.
 * It starts the visitor session from the host page context so the API sees the page's real Origin,
 * hands the token to the frame by postMessage (strict target origin), and sizes the iframe.
 */
import type {
  FrameToHostMessage,
  HostToFrameMessage,
  SessionStartResponse,
} from '@platform/api/widget/protocol';

const PREFIX = '[chat widget]';
const script = document.currentScript as HTMLScriptElement | null;
const widgetId = script?.getAttribute('data-widget-id');
const guard = '__chatWidget' + widgetId;
const w = window as unknown as Record<string, unknown>;

if (!script || !widgetId) {
  console.error(
    `${PREFIX} The embed script tag has no data-widget-id attribute. Copy the embed code again from the dashboard.`,
  );
} else if (!w[guard]) {
  w[guard] = 1;
  boot(script, widgetId);
}

function boot(script: HTMLScriptElement, widgetId: string) {
  const app = new URL(script.src).origin;
  const frame = document.createElement('iframe');
  let open = false;
  let left = false;
  let shown = false;
  let logged = false;

  frame.title = 'Chat';
  frame.setAttribute('allowtransparency', 'true');
  frame.src = `${app}/widget/frame.html#${new URLSearchParams({ w: widgetId, o: location.origin }).toString()}`;

  /**
   * Inline styles with !important beat any host stylesheet rule (style attributes outrank
   * selectors and layers in the cascade), so `* { all: unset }` or `iframe { display: none
   * !important }` on the host cannot move, hide or resize the widget. `all: initial` first drops
   * anything inherited or set elsewhere; the frame's own document is unreachable for host CSS.
   */
  const place = () => {
    const full = open && innerWidth <= 480;
    const side = left ? 'left' : 'right';
    const box = full
      ? 'top:0;left:0;right:0;bottom:0;width:100%;height:100%'
      : `bottom:12px;${side}:12px;` +
        (open
          ? 'width:min(408px,calc(100% - 24px));height:min(680px,calc(100% - 24px))'
          : 'width:76px;height:76px');
    frame.style.cssText = (
      'all:initial;position:fixed;z-index:2147483647;display:block;border:0;margin:0;padding:0;' +
      'background:transparent;color-scheme:normal;opacity:1;transform:none;filter:none;clip-path:none;' +
      'max-width:none;max-height:none;min-width:0;min-height:0;pointer-events:auto;' +
      `visibility:${shown ? 'visible' : 'hidden'};${box};`
    ).replace(/;/g, '!important;');
    send({ pw: 1, type: 'viewport', narrow: full });
  };

  const send = (message: HostToFrameMessage) => frame.contentWindow?.postMessage(message, app);

  const start = (resumeToken: string | null) => {
    fetch(`${app}/api/widget/${encodeURIComponent(widgetId)}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(resumeToken ? { resumeToken } : {}),
      credentials: 'omit',
    }).then(
      async (response) => {
        const body = (await response.json().catch(() => null)) as
          (SessionStartResponse & { error?: { code: never } }) | null;
        if (response.ok && body) {
          left = body.widget.position === 'bottom-left';
          frame.title = `Chat: ${body.widget.name}`;
          shown = true;
          place();
          send({ pw: 1, type: 'session', session: body });
        } else {
          send({
            pw: 1,
            type: 'session-failed',
            status: response.status,
            code: body?.error?.code ?? null,
          });
        }
      },
      // A refused origin reads as a network error here (no CORS for it): the frame asks why.
      () => send({ pw: 1, type: 'session-failed', status: 0, code: null }),
    );
  };

  addEventListener('message', (event: MessageEvent<FrameToHostMessage>) => {
    const m = event.data;
    if (event.source !== frame.contentWindow || event.origin !== app || !m || m.pw !== 1) return;
    if (m.type === 'ready' || m.type === 'restart') start(m.resumeToken);
    else if (m.type === 'open' || m.type === 'close') {
      open = m.type === 'open';
      place();
    } else if (m.type === 'log' && !logged) {
      // Only for the host page's developer, once; the visitor sees nothing of a broken embed.
      logged = true;
      console.error(m.message);
      frame.remove();
    }
  });
  addEventListener('resize', () => open && place());

  place();
  // An async tag in <head> can run before <body> exists.
  const mount = () => document.body.appendChild(frame);
  if (document.body) mount();
  else addEventListener('DOMContentLoaded', mount);
}
