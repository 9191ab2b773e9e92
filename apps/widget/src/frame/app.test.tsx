import type { SessionStartResponse } from '@platform/api/widget/protocol';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './app';
import { ChatController } from './controller';
import { safeStorage } from './storage';

/** The frame UI in happy-dom: roles, labels, keyboard, and what a turn looks like. */
const session: SessionStartResponse = {
  token: 'h.p.s',
  expiresAt: Math.floor(Date.now() / 1000) + 900,
  sessionId: '00000000-0000-4000-8000-000000000001',
  resumed: false,
  maxMessageChars: 500,
  widget: {
    name: 'Acme help',
    theme: 'dark',
    position: 'bottom-left',
    greeting: 'Hello! Ask me anything.',
    primaryColor: '#ffcc00',
    secondaryColor: '#eef2ff',
  },
};

function sse(events: object[]): Response {
  const body = events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

let root: HTMLElement;
let opened: boolean[];
let requests: Array<{ url: string; body: string | null }>;

async function mount(reply: (url: string) => Response, start: SessionStartResponse = session) {
  const controller = new ChatController({
    widgetId: 'w',
    hostOrigin: 'http://localhost:4100',
    fetch: async (input, init) => {
      requests.push({ url: input as string, body: (init?.body as string | undefined) ?? null });
      return reply(input as string);
    },
    storage: safeStorage(() => localStorage),
    toHost: () => {},
    setTimer: () => 0,
    clearTimer: () => {},
  });
  await act(async () => {
    render(
      <App controller={controller} initialOpen={false} onOpenChange={(o) => opened.push(o)} />,
      root,
    );
    await controller.onSession(start);
  });
  return controller;
}

const $ = <T extends Element>(selector: string) => root.querySelector<T>(selector);

beforeEach(() => {
  root = document.createElement('div');
  document.body.appendChild(root);
  opened = [];
  requests = [];
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('chat frame UI', () => {
  it('shows a labelled launcher in the configured corner and theme, readable on the primary colour', async () => {
    await mount(() => sse([]));
    const launcher = $<HTMLButtonElement>('button.launcher')!;
    expect(launcher.getAttribute('aria-label')).toBe('Open chat: Acme help');
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    const shell = $<HTMLElement>('.pw')!;
    expect(shell.className).toContain('dark');
    expect(shell.className).toContain('left');
    expect(shell.style.getPropertyValue('--p')).toBe('#ffcc00');
    expect(shell.style.getPropertyValue('--on-p')).toBe('#111111');
  });

  it('opens with the greeting, a live log and a labelled input; Escape closes and returns focus', async () => {
    await mount(() => sse([]));
    await act(() => $<HTMLButtonElement>('button.launcher')!.click());
    expect(opened.at(-1)).toBe(true);
    const log = $<HTMLElement>('[role="log"]')!;
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(log.textContent).toContain('Hello! Ask me anything.');
    const input = $<HTMLTextAreaElement>('textarea')!;
    expect(root.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Your message');
    expect(document.activeElement).toBe(input);
    expect(input.maxLength).toBe(500);

    await act(() => {
      $<HTMLElement>('.panel')!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }),
      );
    });
    expect(opened.at(-1)).toBe(false);
    expect(document.activeElement).toBe($('button.launcher'));
  });

  it('sends with Enter, shows the streamed answer with source links and feedback buttons', async () => {
    await mount(() =>
      sse([
        { type: 'user-message', id: '00000000-0000-4000-8000-0000000000a1' },
        {
          type: 'sources',
          sources: [
            {
              index: 1,
              title: 'Shipping policy',
              url: 'https://acme.test/shipping',
              excerpt: '2 days',
            },
            {
              index: 2,
              title: 'Returns policy',
              url: 'https://acme.test/returns',
              excerpt: '30 days',
            },
          ],
        },
        { type: 'delta', text: 'You can return ' },
        { type: 'delta', text: 'within 30 days. [2]' },
        { type: 'done', id: '00000000-0000-4000-8000-0000000000a2' },
      ]),
    );
    await act(() => $<HTMLButtonElement>('button.launcher')!.click());
    const input = $<HTMLTextAreaElement>('textarea')!;
    await act(() => {
      input.value = 'Can I return skates?';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(requests.at(-1)).toEqual({
      url: '/api/widget/w/chat',
      body: JSON.stringify({ content: 'Can I return skates?' }),
    });
    expect(input.value).toBe('');
    const bubbles = [...root.querySelectorAll('.bubble')].map((b) => b.textContent);
    expect(bubbles).toEqual([
      'Hello! Ask me anything.',
      'Can I return skates?',
      'You can return within 30 days. [2]',
    ]);
    // Only the cited source, under the number the answer cites it by.
    const items = [...root.querySelectorAll('.sources li')];
    expect(items.map((li) => [li.getAttribute('value'), li.textContent])).toEqual([
      ['2', 'Returns policy'],
    ]);
    const link = $<HTMLAnchorElement>('.sources a')!;
    expect(link.textContent).toBe('Returns policy');
    expect(link.getAttribute('href')).toBe('https://acme.test/returns');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    const helpful = $<HTMLButtonElement>('button[aria-label="Helpful"]')!;
    expect(helpful.getAttribute('aria-pressed')).toBe('false');
    expect($('[aria-busy="true"]')).toBeNull();
  });

  it('shows a typing indicator until the first words arrive, and a friendly error with Retry after a failure', async () => {
    let stream!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (stream = c) });
    await mount(() => new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    await act(() => $<HTMLButtonElement>('button.launcher')!.click());
    const input = $<HTMLTextAreaElement>('textarea')!;
    await act(() => {
      input.value = 'Hello?';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      $<HTMLFormElement>('form')!.dispatchEvent(
        new Event('submit', { bubbles: true, cancelable: true }),
      );
      await new Promise((r) => setTimeout(r, 20));
    });
    const typing = $<HTMLElement>('.typing[role="status"]')!;
    expect(typing.getAttribute('aria-label')).toBe('The assistant is typing');
    expect(typing.closest('[aria-busy="true"]')).not.toBeNull();
    expect($<HTMLButtonElement>('button.send')!.disabled).toBe(true);

    const event = {
      type: 'error',
      code: 'unavailable',
      message: 'The assistant is temporarily unavailable.',
      retryable: true,
    };
    await act(async () => {
      stream.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(event)}\n\n`));
      stream.close();
      await new Promise((r) => setTimeout(r, 20));
    });
    expect($('.typing')).toBeNull();
    const alert = $<HTMLElement>('[role="alert"]')!;
    expect(alert.textContent).toContain('temporarily unavailable');
    expect([...alert.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Retry']);
    // The chat stays usable.
    expect($<HTMLTextAreaElement>('textarea')!.disabled).toBe(false);
  });

  it('asks for a person: the wait with the support hours and away message, their reply with name and initial, a Join call button', async () => {
    // The live events stream stays open: the test sends what the server would, when it would.
    let push: (event: object) => void = () => {};
    const events = new ReadableStream<Uint8Array>({
      start(stream) {
        push = (event) =>
          stream.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(event)}\n\n`));
      },
    });
    await mount(
      (url) =>
        url.endsWith('/handoff')
          ? Response.json({ state: 'waiting', personName: null })
          : new Response(events, { headers: { 'content-type': 'text/event-stream' } }),
      {
        ...session,
        widget: {
          ...session.widget,
          supportHours: 'Mon-Fri 9:00-17:00 CET',
          awayMessage: 'We answer within the hour.',
        },
      },
    );
    await act(() => $<HTMLButtonElement>('button.launcher')!.click());
    const talk = () =>
      [...root.querySelectorAll('button')].find((b) => b.textContent === 'Talk to a person');
    await act(async () => {
      talk()!.click();
      await new Promise((r) => setTimeout(r, 20));
    });
    expect(requests.map((r) => r.url)).toEqual(['/api/widget/w/handoff', '/api/widget/w/events']);
    expect($('.handoff[role="status"]')!.textContent).toBe(
      'Waiting for a person. We answer within the hour. Support hours: Mon-Fri 9:00-17:00 CET.',
    );
    expect(talk()).toBeUndefined();

    await act(async () => {
      push({ type: 'handoff', handoff: { state: 'held', personName: 'Sam' } });
      push({
        type: 'message',
        message: {
          id: '00000000-0000-4000-8000-0000000000b1',
          role: 'assistant',
          content: 'Sam invites you to a call.',
          createdAt: new Date().toISOString(),
          sources: [],
          feedback: null,
          status: 'complete',
          person: { name: 'sam' },
          call: { url: 'http://localhost:3000/meetings/join?invite=v1.x', expiresAt: '2030-01-01' },
        },
      });
      await new Promise((r) => setTimeout(r, 20));
    });
    expect($('.handoff[role="status"]')!.textContent).toBe('Sam from the team is with you.');
    const reply = $('.msg.person')!;
    expect(reply.querySelector('.who')!.textContent).toBe('Ssam'); // the initial, then the name
    expect(reply.querySelector('.who i')!.textContent).toBe('S');
    expect(reply.querySelector('.sr')!.textContent).toBe('sam:');
    expect(reply.querySelector('.bubble')!.textContent).toBe('Sam invites you to a call.');
    const join = reply.querySelector<HTMLAnchorElement>('a.call')!;
    expect(join.textContent).toBe('Join call');
    expect(join.getAttribute('href')).toBe('http://localhost:3000/meetings/join?invite=v1.x');
    expect(join.getAttribute('target')).toBe('_blank');
    // A person's message is not rated as the assistant's answer.
    expect(reply.querySelector('.feedback')).toBeNull();

    // Handed back: the banner goes, the action is back.
    await act(async () => {
      push({ type: 'handoff', handoff: { state: 'assistant', personName: null } });
      await new Promise((r) => setTimeout(r, 20));
    });
    expect($('.handoff')).toBeNull();
    expect(talk()).toBeDefined();
  });
});
