'use client';

import { MessageCircle, Send, X } from 'lucide-react';
import { useState } from 'react';

export interface PreviewSettings {
  name: string;
  theme: 'light' | 'dark' | 'auto';
  position: 'bottom-right' | 'bottom-left';
  greeting?: string | undefined;
  primaryColor?: string | undefined;
  secondaryColor?: string | undefined;
}

/** Readable text on a coloured background: black or white by the colour's luminance. */
export function contrastText(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) return '#ffffff';
  const n = Number.parseInt(m[1], 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l =
    0.2126 * channel((n >> 16) & 255) +
    0.7152 * channel((n >> 8) & 255) +
    0.0722 * channel(n & 255);
  return l > 0.179 ? '#111111' : '#ffffff';
}

/**
 * A live preview of the widget as a visitor sees it, drawn from the form's current values:
 * the launcher in its corner and the open chat with the greeting. It is a picture of the widget
 * (no network calls), so it updates on every keystroke and works before the widget is saved.
 */
export function WidgetPreview({ settings }: { settings: PreviewSettings }) {
  const [open, setOpen] = useState(true);
  const primary = settings.primaryColor || '#4f46e5';
  const secondary = settings.secondaryColor || '#eef2ff';
  const dark = settings.theme === 'dark';
  const surface = dark ? '#18181b' : '#ffffff';
  const text = dark ? '#fafafa' : '#18181b';
  const side = settings.position === 'bottom-left' ? { left: 16 } : { right: 16 };

  return (
    <figure
      aria-label="Widget preview"
      className="relative h-[28rem] overflow-hidden rounded-lg border bg-[repeating-linear-gradient(45deg,var(--muted),var(--muted)_10px,transparent_10px,transparent_20px)]"
    >
      <figcaption className="absolute top-2 left-3 text-xs text-muted-foreground">
        Preview of a host page{settings.theme === 'auto' ? ' (auto theme shown light)' : ''}
      </figcaption>
      {open ? (
        <div
          className="absolute bottom-20 flex w-72 flex-col overflow-hidden rounded-xl shadow-xl"
          style={{ ...side, background: surface, color: text }}
          data-testid="widget-preview-panel"
        >
          <div
            className="flex items-center justify-between px-4 py-3 text-sm font-semibold"
            style={{ background: primary, color: contrastText(primary) }}
          >
            <span>{settings.name || 'Assistant'}</span>
            <button
              type="button"
              aria-label="Close preview chat"
              onClick={() => setOpen(false)}
              className="rounded p-0.5 focus-visible:outline-2"
            >
              <X className="size-4" aria-hidden="true" />
            </button>
          </div>
          <div className="flex min-h-40 flex-col gap-2 p-3 text-sm">
            <p
              className="max-w-[85%] rounded-lg rounded-tl-none px-3 py-2"
              style={{ background: secondary, color: contrastText(secondary) }}
            >
              {settings.greeting || 'Hi! How can I help you today?'}
            </p>
            <p
              className="ml-auto max-w-[85%] rounded-lg rounded-tr-none px-3 py-2"
              style={{ background: primary, color: contrastText(primary) }}
            >
              What are your opening hours?
            </p>
          </div>
          <div
            className="flex items-center gap-2 border-t px-3 py-2 text-xs"
            style={{ borderColor: dark ? '#27272a' : '#e4e4e7' }}
          >
            <span className="flex-1 opacity-70">Type your question…</span>
            <Send className="size-4" aria-hidden="true" style={{ color: primary }} />
          </div>
        </div>
      ) : null}
      <button
        type="button"
        aria-label={open ? 'Hide preview chat' : 'Show preview chat'}
        onClick={() => setOpen((v) => !v)}
        className="absolute bottom-4 grid size-12 place-items-center rounded-full shadow-lg focus-visible:outline-2 focus-visible:outline-offset-2"
        style={{ ...side, background: primary, color: contrastText(primary) }}
      >
        <MessageCircle className="size-6" aria-hidden="true" />
      </button>
    </figure>
  );
}
