import type { PublicWidgetSettings, SessionStartResponse } from '@platform/api/widget/protocol';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './app';
import { ChatController } from './controller';
import { isPreview, mergeDraft } from './preview';
import { safeStorage } from './storage';

const saved: PublicWidgetSettings = {
  name: 'Acme help',
  theme: 'light',
  position: 'bottom-right',
  greeting: 'Hello! Ask me anything.',
  primaryColor: '#ffcc00',
  secondaryColor: '#eef2ff',
};

describe('isPreview', () => {
  const app = 'https://app.example';
  it('is on only with preview=1 from the app’s own origin', () => {
    expect(isPreview(new URLSearchParams('w=x&o=a&preview=1'), app, app)).toBe(true);
    expect(isPreview(new URLSearchParams('w=x&preview=1'), 'https://shop.example', app)).toBe(
      false,
    );
    expect(isPreview(new URLSearchParams('w=x'), app, app)).toBe(false);
  });
});

describe('mergeDraft', () => {
  it('keeps the saved value for a half-typed colour or an empty greeting', () => {
    const shown = mergeDraft(saved, { ...saved, primaryColor: '#12', greeting: '', name: 'New' });
    expect(shown).toEqual({ ...saved, name: 'New' });
  });
  it('falls back to defaults before any session', () => {
    const shown = mergeDraft(null, { ...saved, primaryColor: 'red', greeting: '' });
    expect(shown.primaryColor).toBe('#4f46e5');
    expect(shown.greeting).toBe('Hi! How can I help you today?');
  });
});

describe('preview mode in the frame', () => {
  let root: HTMLElement;
  beforeEach(() => {
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });

  it('renders the draft live, before and after a session starts, and keeps it', async () => {
    const controller = new ChatController({
      widgetId: 'w',
      hostOrigin: location.origin,
      fetch: () => Promise.reject(new Error('no network in this test')),
      storage: safeStorage(() => localStorage),
      toHost: () => {},
      setTimer: () => 0,
      clearTimer: () => {},
    });
    await act(async () => {
      render(<App controller={controller} initialOpen onOpenChange={() => {}} />, root);
    });
    expect(root.innerHTML).toBe(''); // nothing until settings arrive

    await act(async () =>
      controller.preview({ ...saved, greeting: 'Draft greeting', primaryColor: '#0f766e' }),
    );
    expect(root.querySelector('.msg.assistant .bubble')?.textContent).toBe('Draft greeting');
    const pw = root.querySelector<HTMLElement>('.pw')!;
    expect(pw.style.getPropertyValue('--p')).toBe('#0f766e');
    // Not chatting yet: no session, so Send stays disabled.
    expect(root.querySelector<HTMLButtonElement>('.send')!.disabled).toBe(true);

    const session: SessionStartResponse = {
      token: 'h.p.s',
      expiresAt: Math.floor(Date.now() / 1000) + 900,
      sessionId: '00000000-0000-4000-8000-000000000001',
      resumed: false,
      maxMessageChars: 500,
      widget: saved,
    };
    await act(async () => controller.onSession(session));
    // The saved settings do not overwrite the draft being edited.
    expect(root.querySelector('.msg.assistant .bubble')?.textContent).toBe('Draft greeting');
    expect(controller.state.ready).toBe(true);

    await act(async () => controller.preview({ ...saved, position: 'bottom-left', theme: 'dark' }));
    expect(pw.className).toContain('left');
    expect(pw.className).toContain('dark');
    expect(root.querySelector('.msg.assistant .bubble')?.textContent).toBe(saved.greeting);
  });
});
