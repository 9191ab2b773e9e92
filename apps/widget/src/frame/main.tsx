import type { FrameToHostMessage, HostToFrameMessage } from '@platform/api/widget/protocol';
import { render } from 'preact';
import { App } from './app';
import { ChatController } from './controller';
import { isPreview } from './preview';
import { safeStorage } from './storage';
import './styles.css';

/**
 * The chat frame, served from the app's origin inside the loader's iframe. The host origin comes
 * from the URL fragment the loader wrote; it is only ever used as postMessage's target and as the
 * required sender origin, so a page that lies about it can neither send nor receive anything.
 */
const params = new URLSearchParams(location.hash.slice(1));
const widgetId = params.get('w') ?? '';
const hostOrigin = params.get('o') ?? '';
const preview = isPreview(params, hostOrigin, location.origin);

if (window.parent !== window && widgetId && hostOrigin) {
  const toHost = (message: FrameToHostMessage) => window.parent.postMessage(message, hostOrigin);
  const controller = new ChatController({
    widgetId,
    hostOrigin,
    fetch: (input, init) => fetch(input, init),
    storage: safeStorage(() => localStorage),
    toHost,
  });
  const uiState = safeStorage(() => sessionStorage);
  const openKey = `chat-widget-open:${widgetId}`;

  window.addEventListener('message', (event: MessageEvent<HostToFrameMessage>) => {
    const m = event.data;
    if (event.source !== window.parent || event.origin !== hostOrigin || !m || m.pw !== 1) return;
    if (m.type === 'session') void controller.onSession(m.session);
    else if (m.type === 'session-failed') void controller.onSessionFailed(m.status, m.code);
    else if (m.type === 'viewport') controller.setNarrow(m.narrow);
    else if (m.type === 'preview' && preview) controller.preview(m.settings);
  });

  render(
    <App
      controller={controller}
      // The preview opens on the panel, where the greeting and colours show.
      initialOpen={preview || uiState.get(openKey) === '1'}
      onOpenChange={(open) => {
        if (!preview) uiState.set(openKey, open ? '1' : null);
        toHost({ pw: 1, type: open ? 'open' : 'close' });
      }}
    />,
    document.getElementById('root')!,
  );
  toHost({ pw: 1, type: 'ready', resumeToken: controller.storedToken() });
}
