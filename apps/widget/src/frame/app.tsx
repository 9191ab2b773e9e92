import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { readableOn } from './colors';
import type { ChatController, ChatMessage, ChatState } from './controller';
import { Icon } from './icons';

function useChat(controller: ChatController): ChatState {
  const [state, setState] = useState(controller.state);
  useEffect(() => {
    // Catch up on anything that happened between the first render and subscribing.
    setState(controller.state);
    return controller.subscribe(setState);
  }, [controller]);
  return state;
}

function usePrefersDark(): boolean {
  const query =
    typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const on = () => setDark(query.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, []);
  return dark;
}

export interface AppProps {
  controller: ChatController;
  initialOpen: boolean;
  onOpenChange: (open: boolean) => void;
}

export function App({ controller, initialOpen, onOpenChange }: AppProps) {
  const state = useChat(controller);
  const prefersDark = usePrefersDark();
  const [open, setOpenState] = useState(initialOpen);
  const launcher = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  // Focus moves only after the visitor opened or closed the chat, never on load (it would
  // steal focus from the host page).
  const toggled = useRef(false);
  const setOpen = (next: boolean) => {
    toggled.current = true;
    setOpenState(next);
  };
  const settings = state.settings;

  useEffect(() => onOpenChange(open), [open]);
  useEffect(() => {
    if (!toggled.current) return;
    if (open) input.current?.focus();
    else launcher.current?.focus();
  }, [open]);

  if (!settings) return null;
  const dark = settings.theme === 'dark' || (settings.theme === 'auto' && prefersDark);
  const vars = {
    '--p': settings.primaryColor,
    '--on-p': readableOn(settings.primaryColor),
    '--s': settings.secondaryColor,
    '--on-s': readableOn(settings.secondaryColor),
  } as JSX.CSSProperties;

  return (
    <div
      class={`pw ${dark ? 'dark' : 'light'} ${settings.position === 'bottom-left' ? 'left' : 'right'}${state.narrow ? ' narrow' : ''}`}
      style={vars}
    >
      {open ? (
        <Panel controller={controller} state={state} input={input} onClose={() => setOpen(false)} />
      ) : (
        <button
          ref={launcher}
          type="button"
          class="launcher"
          aria-label={`Open chat: ${settings.name}`}
          aria-expanded="false"
          onClick={() => setOpen(true)}
        >
          <Icon name="chat" />
        </button>
      )}
    </div>
  );
}

function Panel({
  controller,
  state,
  input,
  onClose,
}: {
  controller: ChatController;
  state: ChatState;
  input: { current: HTMLTextAreaElement | null };
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const log = useRef<HTMLDivElement>(null);
  const settings = state.settings!;
  const last = state.messages[state.messages.length - 1];

  // Follow the conversation while it grows, unless the visitor scrolled up to read.
  const pinned = useRef(true);
  useLayoutEffect(() => {
    const el = log.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [state.messages.length, last?.content, last?.status]);

  const submit = (event?: Event) => {
    event?.preventDefault();
    if (!text.trim() || state.busy) return;
    void controller.send(text);
    setText('');
  };

  return (
    <section
      class="panel"
      role="dialog"
      aria-label={`Chat: ${settings.name}`}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <header class="head">
        <h1>{settings.name}</h1>
        {state.handoff.state === 'assistant' ? (
          <button
            type="button"
            class="person-btn"
            disabled={!state.ready}
            onClick={() => void controller.requestPerson('visitor')}
          >
            Talk to a person
          </button>
        ) : null}
        <button type="button" class="icon" aria-label="Close chat" onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      <HandoffBanner state={state} />
      <div
        ref={log}
        class="log"
        role="log"
        aria-live="polite"
        aria-label="Conversation"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        <div class="msg assistant">
          <p class="bubble">{settings.greeting}</p>
        </div>
        {state.messages.map((m) => (
          <Message
            key={m.key}
            message={m}
            controller={controller}
            busy={state.busy}
            canOffer={state.handoff.state === 'assistant'}
          />
        ))}
      </div>
      {state.notice ? (
        <p class="notice" role="status">
          {state.notice}{' '}
          <button type="button" class="link" onClick={() => controller.dismissNotice()}>
            Dismiss
          </button>
        </p>
      ) : null}
      <form class="compose" onSubmit={submit}>
        <label class="sr" for="pw-input">
          Your message
        </label>
        <textarea
          id="pw-input"
          ref={input}
          rows={1}
          value={text}
          maxLength={state.maxChars}
          placeholder="Type your question…"
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e);
          }}
        />
        <button
          type="submit"
          class="send"
          aria-label="Send"
          disabled={!state.ready || state.busy || !text.trim()}
        >
          <Icon name="send" />
        </button>
      </form>
    </section>
  );
}

/** Waiting for a person (with the support hours and away message) or talking with one. */
function HandoffBanner({ state }: { state: ChatState }) {
  const { handoff, settings } = state;
  if (handoff.state === 'assistant') return null;
  return (
    <p class="handoff" role="status">
      {handoff.state === 'held' ? (
        `${handoff.personName ?? 'A person'} from the team is with you.`
      ) : (
        <>
          <strong>Waiting for a person.</strong>{' '}
          {settings?.awayMessage || 'Someone from the team will be with you shortly.'}
          {settings?.supportHours ? ` Support hours: ${settings.supportHours}.` : ''}
        </>
      )}
    </p>
  );
}

function Message({
  message: m,
  controller,
  busy,
  canOffer,
}: {
  message: ChatMessage;
  controller: ChatController;
  busy: boolean;
  canOffer: boolean;
}) {
  const streaming = m.status === 'streaming';
  return (
    <div
      class={`msg ${m.role}${m.person ? ' person' : ''}`}
      aria-busy={streaming ? 'true' : undefined}
    >
      <span class="sr">
        {m.role === 'user' ? 'You:' : m.person ? `${m.person.name}:` : 'Assistant:'}
      </span>
      {m.person ? (
        <span class="who" aria-hidden="true">
          <i>{m.person.name.charAt(0).toUpperCase()}</i>
          {m.person.name}
        </span>
      ) : null}
      {m.content || !streaming ? (
        <p class="bubble">{m.content || (m.status === 'failed' ? '' : '…')}</p>
      ) : (
        <p class="bubble typing" role="status" aria-label="The assistant is typing">
          <i />
          <i />
          <i />
        </p>
      )}
      {m.status !== 'failed' ? <Sources message={m} /> : null}
      {m.call ? (
        <a class="call" href={m.call.url} target="_blank" rel="noopener noreferrer">
          Join call
        </a>
      ) : null}
      {m.offerPerson && canOffer ? (
        <button type="button" class="offer" onClick={() => void controller.requestPerson('offer')}>
          Talk to a person
        </button>
      ) : null}
      {m.status === 'failed' ? (
        <p class="failed" role="alert">
          {m.error}{' '}
          {m.retry ? (
            <button
              type="button"
              class="link"
              disabled={busy}
              onClick={() => void controller.retry(m.key)}
            >
              Retry
            </button>
          ) : null}
        </p>
      ) : null}
      {m.role === 'assistant' && m.status === 'complete' && m.id && !m.person ? (
        <div class="feedback" role="group" aria-label="Was this answer helpful?">
          <button
            type="button"
            class="icon"
            aria-label="Helpful"
            aria-pressed={m.feedback === 'up'}
            onClick={() => void controller.feedback(m.key, 'up')}
          >
            <Icon name="up" />
          </button>
          <button
            type="button"
            class="icon"
            aria-label="Not helpful"
            aria-pressed={m.feedback === 'down'}
            onClick={() => void controller.feedback(m.key, 'down')}
          >
            <Icon name="down" />
          </button>
        </div>
      ) : null}
    </div>
  );
}

/**
 * The passages behind an answer, numbered as the answer cites them ([1], [2]). Once the answer is
 * complete and cites some, only those are listed; links open in a new tab without a referrer.
 */
function Sources({ message: m }: { message: ChatMessage }) {
  const cited = new Set([...m.content.matchAll(/\[(\d+)\]/g)].map((c) => Number(c[1])));
  const shown =
    m.status === 'complete' && cited.size > 0
      ? m.sources.filter((s) => cited.has(s.index))
      : m.sources;
  if (shown.length === 0) return null;
  return (
    <div class="sources">
      <span id={`src-${m.key}`}>Sources</span>
      <ol aria-labelledby={`src-${m.key}`}>
        {shown.map((s) => (
          <li key={s.index} value={s.index}>
            {s.url ? (
              <a href={s.url} target="_blank" rel="noopener noreferrer" title={s.excerpt}>
                {s.title}
              </a>
            ) : (
              <span title={s.excerpt}>{s.title}</span>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
