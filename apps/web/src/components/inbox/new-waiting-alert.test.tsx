// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NewWaitingAlert } from './new-waiting-alert';

/**
 * The Inbox's "notify me" option: off until the member turns it on (asking the browser's
 * permission then), remembered on this device, and it fires (a notification and a chime) only
 * for conversations that start waiting after the page loaded. The browser's Notification and
 * Web Audio APIs are stand-ins here: happy-dom has neither.
 */
let shown: Array<{ title: string; body?: string }>;
let chimes: number;
let permission: NotificationPermission;
const requestPermission = vi.fn(async () => (permission = 'granted'));

beforeEach(() => {
  shown = [];
  chimes = 0;
  permission = 'default';
  requestPermission.mockClear();
  localStorage.clear();
  vi.stubGlobal(
    'Notification',
    class {
      static get permission() {
        return permission;
      }
      static requestPermission = requestPermission;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body });
      }
    },
  );
  vi.stubGlobal(
    'AudioContext',
    class {
      currentTime = 0;
      destination = {};
      constructor() {
        chimes++;
      }
      createGain() {
        return { gain: { value: 0 }, connect: (next: unknown) => next };
      }
      createOscillator() {
        return { frequency: { value: 0 }, connect: (next: unknown) => next, start() {}, stop() {} };
      }
    },
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const option = () => screen.getByRole('switch', { name: /Notify me/ });

describe('NewWaitingAlert', () => {
  it('is off by default: a new waiting conversation makes no noise', () => {
    const view = render(<NewWaitingAlert waiting={['a']} />);
    expect(option().getAttribute('aria-checked')).toBe('false');
    view.rerender(<NewWaitingAlert waiting={['a', 'b']} />);
    expect(shown).toEqual([]);
    expect(chimes).toBe(0);
  });

  it('once on, notifies with a chime for conversations that start waiting later, not those already there', async () => {
    const view = render(<NewWaitingAlert waiting={['a']} />);
    await act(async () => {
      fireEvent.click(option());
    });
    expect(requestPermission).toHaveBeenCalledOnce();
    expect(option().getAttribute('aria-checked')).toBe('true');
    expect(shown).toEqual([]); // 'a' was already waiting

    view.rerender(<NewWaitingAlert waiting={['a', 'b']} />);
    expect(shown).toEqual([
      { title: 'A visitor is waiting for a person', body: 'Open the Inbox to answer.' },
    ]);
    expect(chimes).toBe(1);
    // The same list again (a refetch), or one leaving: nothing new.
    view.rerender(<NewWaitingAlert waiting={['b']} />);
    expect(shown).toHaveLength(1);
    view.rerender(<NewWaitingAlert waiting={['b', 'c', 'd']} />);
    expect(shown.at(-1)).toEqual({
      title: 'A visitor is waiting for a person',
      body: '2 new conversations',
    });
  });

  it('remembers the choice on this device, and turning it off silences it', async () => {
    permission = 'granted';
    const first = render(<NewWaitingAlert waiting={[]} />);
    await act(async () => {
      fireEvent.click(option());
    });
    first.unmount();

    const again = render(<NewWaitingAlert waiting={[]} />);
    expect(option().getAttribute('aria-checked')).toBe('true');
    again.rerender(<NewWaitingAlert waiting={['x']} />);
    expect(shown).toHaveLength(1);
    await act(async () => {
      fireEvent.click(option());
    });
    again.rerender(<NewWaitingAlert waiting={['x', 'y']} />);
    expect(shown).toHaveLength(1);
    expect(localStorage.getItem('inbox-alerts')).toBe('off');
  });
});
