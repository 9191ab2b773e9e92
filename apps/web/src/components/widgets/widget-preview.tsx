'use client';

import type {
  ErrorResponse,
  FrameToHostMessage,
  HostToFrameMessage,
  PublicWidgetSettings,
  SessionStartResponse,
} from '@platform/api/widget/protocol';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

export interface PreviewSettings {
  name: string;
  theme: 'light' | 'dark' | 'auto';
  position: 'bottom-right' | 'bottom-left';
  greeting?: string | undefined;
  primaryColor?: string | undefined;
  secondaryColor?: string | undefined;
}

/** What the saved widget allows: chatting needs a saved, active widget whose whitelist has us. */
export interface PreviewWidget {
  id: string;
  isActive: boolean;
  domainWhitelist: string[];
}

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const noSubscribe = () => () => {};

/** Every message to the frame goes to this exact origin (the frame is served from it). */
function post(frame: HTMLIFrameElement | null, origin: string, message: HostToFrameMessage) {
  frame?.contentWindow?.postMessage(message, origin);
}

/** The draft as the frame's public settings (a half-typed colour shows the default). */
export function toPublicSettings(s: PreviewSettings): PublicWidgetSettings {
  return {
    name: s.name.trim() || 'Assistant',
    theme: s.theme,
    position: s.position,
    greeting: s.greeting?.trim() || 'Hi! How can I help you today?',
    primaryColor: HEX.test(s.primaryColor ?? '') ? s.primaryColor! : '#4f46e5',
    secondaryColor: HEX.test(s.secondaryColor ?? '') ? s.secondaryColor! : '#eef2ff',
  };
}

type ChatStatus =
  | { state: 'off'; reason: string }
  | { state: 'starting' }
  | { state: 'on' }
  | { state: 'failed'; reason: string };

/**
 * The real widget (apps/widget's chat frame, /widget/frame.html) in preview mode, showing the
 * form's unsaved settings as they are typed. This page frames the chat frame itself and plays
 * the loader's part: it sends the draft (`preview` message, which the frame accepts only from the
 * app's own origin) and, when the saved widget allows this dashboard's origin, starts a visitor
 * session from here, so the preview chats for real (answers, sources, costs are real too).
 * Otherwise the preview shows the widget as visitors will see it, without chatting.
 */
export function WidgetPreview({
  settings,
  widget,
}: {
  settings: PreviewSettings;
  /** The saved widget; absent while creating one (the preview then only shows the look). */
  widget?: PreviewWidget | undefined;
}) {
  const origin = useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => '',
  );
  const frame = useRef<HTMLIFrameElement>(null);
  const draft = toPublicSettings(settings);
  const draftJson = JSON.stringify(draft);
  const latest = useRef(draft);

  const offReason = !widget
    ? 'Save the widget to chat with it here.'
    : !widget.isActive
      ? 'The widget is inactive: activate it and save to chat with it here.'
      : !widget.domainWhitelist.includes(origin)
        ? `To chat in the preview, allow this dashboard's origin (${origin}) and save.`
        : null;
  const [status, setStatus] = useState<ChatStatus>({ state: 'starting' });
  const shown: ChatStatus = offReason ? { state: 'off', reason: offReason } : status;

  useEffect(() => {
    if (!origin) return;
    const widgetId = widget?.id;
    const canChat = !offReason && widgetId;
    const send = (message: HostToFrameMessage) => post(frame.current, origin, message);
    const start = async (resumeToken: string | null) => {
      send({ pw: 1, type: 'preview', settings: latest.current });
      if (!canChat) return;
      setStatus({ state: 'starting' });
      try {
        const response = await fetch(`/api/widget/${encodeURIComponent(widgetId)}/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(resumeToken ? { resumeToken } : {}),
          credentials: 'omit',
        });
        const body = (await response.json().catch(() => null)) as
          (SessionStartResponse & Partial<ErrorResponse>) | null;
        if (!response.ok || !body || body.error) {
          setStatus({
            state: 'failed',
            reason: body?.error?.message ?? `The chat could not start (${response.status}).`,
          });
          return;
        }
        send({ pw: 1, type: 'session', session: body });
        send({ pw: 1, type: 'preview', settings: latest.current });
        setStatus({ state: 'on' });
      } catch {
        setStatus({ state: 'failed', reason: 'The chat could not start: network error.' });
      }
    };
    const onMessage = (event: MessageEvent<FrameToHostMessage>) => {
      const m = event.data;
      if (event.source !== frame.current?.contentWindow || event.origin !== origin) return;
      if (!m || m.pw !== 1) return;
      if (m.type === 'ready' || m.type === 'restart') void start(m.resumeToken);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
    // The frame reloads (new src) when the widget or its ability to chat changes.
  }, [origin, widget?.id, offReason]);

  // The draft, live: sent on every change (the frame ignores it until it has loaded; it gets
  // the current draft again when it says it is ready).
  useEffect(() => {
    latest.current = JSON.parse(draftJson) as PublicWidgetSettings;
    post(frame.current, origin, { pw: 1, type: 'preview', settings: latest.current });
  }, [draftJson, origin]);

  if (!origin) return null;
  const hash = new URLSearchParams({ w: widget?.id ?? 'draft', o: origin, preview: '1' });
  const left = draft.position === 'bottom-left';
  return (
    <figure aria-label="Widget preview" className="grid gap-2">
      <div className="relative h-[34rem] overflow-hidden rounded-lg border bg-[repeating-linear-gradient(45deg,var(--muted),var(--muted)_10px,transparent_10px,transparent_20px)]">
        <iframe
          // A new frame when the widget or its ability to chat changes: it starts over cleanly.
          key={`${widget?.id ?? 'draft'}:${offReason ?? 'chat'}`}
          ref={frame}
          title="Live preview of the widget"
          src={`/widget/frame.html#${hash.toString()}`}
          className={`absolute bottom-0 h-full w-full max-w-[24rem] border-0 ${left ? 'left-0' : 'right-0'}`}
          data-testid="widget-preview-frame"
        />
      </div>
      <figcaption className="text-xs text-muted-foreground" role="status">
        {shown.state === 'on'
          ? 'The real widget with your unsaved changes: you can chat with it.'
          : shown.state === 'starting'
            ? 'Starting the chat…'
            : `The real widget with your unsaved changes. ${shown.reason}`}
        {draft.theme === 'auto' ? ' Auto theme follows this browser.' : ''}
      </figcaption>
    </figure>
  );
}
