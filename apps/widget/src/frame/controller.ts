import type {
  ChatStreamEvent,
  DiagnoseResponse,
  ErrorResponse,
  FrameToHostMessage,
  HandoffStatus,
  LiveEvent,
  PublicSource,
  PublicWidgetSettings,
  SessionStartResponse,
  TokenResponse,
  TranscriptMessage,
  TranscriptResponse,
  WidgetErrorCode,
} from '@platform/api/widget/protocol';
import { mergeDraft } from './preview';
import { createSseParser } from './sse';
import type { KeyValue } from './storage';

export interface ChatMessage {
  /** Stable key for rendering; the server id arrives later for new messages. */
  key: string;
  id: string | null;
  role: 'user' | 'assistant';
  content: string;
  sources: PublicSource[];
  feedback: 'up' | 'down' | null;
  status: 'streaming' | 'complete' | 'failed';
  /** Friendly reason shown with a failed answer. */
  error?: string;
  /** The question to send again when a failed answer is retried. */
  retry?: string;
  /** ISO time, for messages the server sent (transcript, live events). */
  createdAt?: string;
  /** Written by a person of the team (name shown with an initial). */
  person?: { name: string };
  /** An invitation to a call: a "Join call" button. */
  call?: { url: string; expiresAt: string };
  /** The assistant could not answer, or the visitor asked for a human: offer a person. */
  offerPerson?: boolean;
}

export interface ChatState {
  ready: boolean;
  settings: PublicWidgetSettings | null;
  messages: ChatMessage[];
  busy: boolean;
  /** A passing, friendly note (rate limit, feedback not saved, ...). */
  notice: string | null;
  maxChars: number;
  /** The iframe fills a phone-sized viewport (told by the loader). */
  narrow: boolean;
  /** Who answers: the assistant, nobody yet (waiting for a person), or a person. */
  handoff: HandoffStatus;
}

export interface ControllerDeps {
  widgetId: string;
  hostOrigin: string;
  fetch: typeof fetch;
  storage: KeyValue;
  toHost: (message: FrameToHostMessage) => void;
  /** epoch ms */
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export const TEXT = {
  network: 'The connection was lost. Check your connection and try again.',
  generic: 'Something went wrong. Please try again.',
  transcript: 'Earlier messages could not be loaded.',
  feedback: 'Your feedback could not be saved. Please try again.',
  cut: 'The answer was interrupted. Please try again.',
  closed: 'The chat is not available right now.',
  offer: 'Would you like to talk to a person from our team?',
  handoff: 'We could not reach the team. Please try again.',
};

const WITH_ASSISTANT: HandoffStatus = { state: 'assistant', personName: null };

/** Refusals meant for the site's developer (the widget was turned off or its domain removed). */
const DEVELOPER_CODES: ReadonlySet<WidgetErrorCode> = new Set([
  'widget_not_found',
  'widget_inactive',
  'origin_not_allowed',
]);

const RETRYABLE: ReadonlySet<WidgetErrorCode> = new Set([
  'rate_limited',
  'unavailable',
  'internal',
  'token_expired',
]);

/**
 * Everything the chat frame does, without any DOM: the session handed over by the loader, token
 * renewal, transcript, streamed turns, retry and feedback. The UI renders `state`.
 */
export class ChatController {
  state: ChatState = {
    ready: false,
    settings: null,
    messages: [],
    busy: false,
    notice: null,
    maxChars: 2000,
    narrow: false,
    handoff: WITH_ASSISTANT,
  };
  readonly #deps: Required<ControllerDeps>;
  readonly #listeners = new Set<(state: ChatState) => void>();
  readonly #base: string;
  #token: string | null = null;
  #sessionId: string | null = null;
  #renewTimer: unknown = null;
  #waiting: Array<(ok: boolean) => void> = [];
  #failures = 0;
  #seq = 0;
  /** Preview mode: the dashboard's unsaved settings, shown instead of the session's. */
  #draft: PublicWidgetSettings | null = null;
  #saved: PublicWidgetSettings | null = null;
  /** The live stream of a conversation with a person, while one runs. */
  #live: AbortController | null = null;

  constructor(deps: ControllerDeps) {
    this.#deps = {
      now: Date.now,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...deps,
    };
    this.#base = `/api/widget/${encodeURIComponent(deps.widgetId)}`;
  }

  get storageKey() {
    return `chat-widget:${this.#deps.widgetId}`;
  }

  /** The token kept from an earlier page view, offered to the loader to resume that conversation. */
  storedToken(): string | null {
    return this.#deps.storage.get(this.storageKey);
  }

  subscribe(listener: (state: ChatState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(patch: Partial<ChatState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.#listeners) listener(this.state);
  }

  #update(key: string, patch: Partial<ChatMessage>) {
    this.#set({
      messages: this.state.messages.map((m) => (m.key === key ? { ...m, ...patch } : m)),
    });
  }

  /** The loader started (or resumed) a session from the host page. */
  async onSession(session: SessionStartResponse): Promise<void> {
    const sameSession = session.sessionId === this.#sessionId;
    this.#failures = 0;
    this.#saved = session.widget;
    this.#useToken(session.token, session.expiresAt);
    this.#sessionId = session.sessionId;
    this.#set({
      ready: true,
      settings: this.#draft ? mergeDraft(session.widget, this.#draft) : session.widget,
      maxChars: session.maxMessageChars,
    });
    for (const resolve of this.#waiting.splice(0)) resolve(true);
    if (sameSession) return;
    this.#stopLive();
    this.#set({ messages: [], handoff: WITH_ASSISTANT });
    if (session.resumed) await this.#loadTranscript();
  }

  /** The loader could not start a session: transient -> try again later; misconfigured -> tell the developer. */
  async onSessionFailed(status: number, code: WidgetErrorCode | null): Promise<void> {
    for (const resolve of this.#waiting.splice(0)) resolve(false);
    if (
      status === 0 ||
      code === 'origin_not_allowed' ||
      code === 'widget_not_found' ||
      code === 'widget_inactive'
    ) {
      const diagnosis = await this.#diagnose();
      if (diagnosis && diagnosis.code !== 'ok') {
        this.#deps.toHost({ pw: 1, type: 'log', message: diagnosis.message });
        return;
      }
    }
    // Network trouble, rate limit or a server error: back off and start again from the host.
    this.#failures += 1;
    const delay = Math.min(60_000, 1000 * 2 ** Math.min(this.#failures, 6));
    this.#deps.setTimer(() => this.#restart(), delay);
  }

  async #diagnose(): Promise<DiagnoseResponse | null> {
    try {
      const query = new URLSearchParams({ origin: this.#deps.hostOrigin }).toString();
      const response = await this.#deps.fetch(`${this.#base}/diagnose?${query}`);
      return response.ok ? ((await response.json()) as DiagnoseResponse) : null;
    } catch {
      return null;
    }
  }

  #restart() {
    this.#deps.toHost({ pw: 1, type: 'restart', resumeToken: this.#token ?? this.storedToken() });
  }

  #useToken(token: string, expiresAt: number) {
    this.#token = token;
    this.#deps.storage.set(this.storageKey, token);
    if (this.#renewTimer) this.#deps.clearTimer(this.#renewTimer);
    // Renew a minute before expiry (or halfway, for very short lifetimes).
    const lifetime = expiresAt * 1000 - this.#deps.now();
    const due = Math.max(1000, Math.min(lifetime - 60_000, lifetime / 2));
    this.#renewTimer = this.#deps.setTimer(() => void this.#renew(), due);
  }

  async #renew(): Promise<boolean> {
    try {
      const response = await this.#call('token', { method: 'POST', body: '{}' }, false);
      if (response.ok) {
        const body = (await response.json()) as TokenResponse;
        this.#useToken(body.token, body.expiresAt);
        return true;
      }
    } catch {
      // fall through to a restart from the host, which also covers a session past its lifetime
    }
    return this.#restartAndWait();
  }

  #restartAndWait(): Promise<boolean> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#restart();
      this.#deps.setTimer(() => resolve(false), 15_000);
    });
  }

  /** An API call with the visitor token; an expired token is renewed once, transparently. */
  async #call(path: string, init: RequestInit = {}, renew = true): Promise<Response> {
    const send = () =>
      this.#deps.fetch(`${this.#base}/${path}`, {
        ...init,
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${this.#token ?? ''}`,
        },
      });
    const response = await send();
    if (response.status !== 401 || !renew) return response;
    const code = await errorCode(response.clone());
    if (code !== 'token_expired' && code !== 'session_expired') return response;
    return (await this.#renew()) ? send() : response;
  }

  async #loadTranscript() {
    try {
      const response = await this.#call('messages');
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as TranscriptResponse;
      this.#set({
        messages: body.messages.map((m) => ({
          ...toChatMessage(m),
          ...(m.status === 'failed' ? { error: TEXT.cut } : {}),
        })),
      });
      this.#onHandoff(body.handoff ?? WITH_ASSISTANT);
    } catch {
      this.#set({ notice: TEXT.transcript });
    }
  }

  async send(text: string): Promise<void> {
    const content = text.trim();
    if (!content || this.state.busy || !this.state.ready) return;
    const userKey = `local-${(this.#seq += 1)}`;
    const answerKey = `local-${(this.#seq += 1)}`;
    this.#set({
      busy: true,
      notice: null,
      messages: [
        ...this.state.messages,
        {
          key: userKey,
          id: null,
          role: 'user',
          content,
          sources: [],
          feedback: null,
          status: 'complete',
        },
        {
          key: answerKey,
          id: null,
          role: 'assistant',
          content: '',
          sources: [],
          feedback: null,
          status: 'streaming',
          retry: content,
        },
      ],
    });
    const fail = (message: string, retryable = true) =>
      this.#update(answerKey, {
        status: 'failed',
        error: message,
        ...(retryable ? {} : { retry: undefined }),
      });
    try {
      const response = await this.#call('chat', {
        method: 'POST',
        body: JSON.stringify({ content }),
      });
      if (!response.ok || !response.body) {
        const error = await readError(response);
        fail(error.message, RETRYABLE.has(error.code));
        return;
      }
      let finished = false;
      const parser = createSseParser((data) => {
        const event = JSON.parse(data) as ChatStreamEvent;
        const answer = this.state.messages.find((m) => m.key === answerKey);
        if (event.type === 'user-message') this.#update(userKey, { id: event.id });
        else if (event.type === 'sources') this.#update(answerKey, { sources: event.sources });
        else if (event.type === 'delta')
          this.#update(answerKey, { content: (answer?.content ?? '') + event.text });
        else if (event.type === 'done') {
          finished = true;
          this.#update(answerKey, {
            id: event.id,
            status: 'complete',
            retry: undefined,
            ...(event.offerPerson ? { offerPerson: true } : {}),
          });
        } else if (event.type === 'with-person') {
          // Delivered to the team; no answer from the assistant.
          finished = true;
          this.#set({ messages: this.state.messages.filter((m) => m.key !== answerKey) });
          this.#onHandoff(event.handoff);
        } else if (event.type === 'offer-person') {
          finished = true;
          this.#update(answerKey, {
            content: TEXT.offer,
            status: 'complete',
            retry: undefined,
            offerPerson: true,
          });
        } else if (event.type === 'error') {
          finished = true;
          fail(event.message, event.retryable);
        }
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(decoder.decode(value, { stream: true }));
      }
      parser.end();
      if (!finished) fail(TEXT.cut);
    } catch {
      fail(TEXT.network);
    } finally {
      this.#set({ busy: false });
    }
  }

  /** Sends the question of a failed answer again, replacing the failed pair. */
  async retry(answerKey: string): Promise<void> {
    const index = this.state.messages.findIndex((m) => m.key === answerKey);
    const failed = this.state.messages[index];
    if (!failed?.retry || this.state.busy) return;
    const previous = this.state.messages[index - 1];
    const drop = new Set([answerKey, ...(previous?.role === 'user' ? [previous.key] : [])]);
    this.#set({ messages: this.state.messages.filter((m) => !drop.has(m.key)) });
    await this.send(failed.retry);
  }

  /** Thumbs up/down; choosing the current value again clears it. Optimistic, reverted on failure. */
  async feedback(key: string, value: 'up' | 'down'): Promise<void> {
    const message = this.state.messages.find((m) => m.key === key);
    if (!message?.id || message.role !== 'assistant') return;
    const before = message.feedback;
    const next = before === value ? null : value;
    this.#update(key, { feedback: next });
    try {
      const response = await this.#call('feedback', {
        method: 'POST',
        body: JSON.stringify({ messageId: message.id, value: next }),
        // A rating given just before leaving or reloading the page still arrives.
        keepalive: true,
      });
      if (!response.ok) throw new Error(String(response.status));
    } catch {
      this.#update(key, { feedback: before });
      this.#set({ notice: TEXT.feedback });
    }
  }

  /** "Talk to a person": the conversation waits in the team's inbox; their replies arrive live. */
  async requestPerson(reason: 'visitor' | 'offer' = 'visitor'): Promise<void> {
    if (!this.state.ready || this.state.handoff.state !== 'assistant') return;
    try {
      const response = await this.#call('handoff', {
        method: 'POST',
        body: JSON.stringify({ reason }),
      });
      if (!response.ok) throw new Error(String(response.status));
      this.#onHandoff((await response.json()) as HandoffStatus);
    } catch {
      this.#set({ notice: TEXT.handoff });
    }
  }

  #onHandoff(handoff: HandoffStatus) {
    this.#set({ handoff });
    if (handoff.state === 'assistant') this.#stopLive();
    else if (!this.#live) void this.#runLive();
  }

  #stopLive() {
    this.#live?.abort();
    this.#live = null;
  }

  /**
   * While a person is asked for or holds the conversation: the server's live events (state
   * changes, the person's messages), reconnecting after a cut or the stream's lifetime and
   * catching up from the newest message shown. Stops when the person hands back.
   */
  async #runLive() {
    const live = new AbortController();
    this.#live = live;
    while (!live.signal.aborted) {
      const newest = [...this.state.messages].reverse().find((m) => m.createdAt)?.createdAt;
      try {
        const query = newest ? `?after=${encodeURIComponent(newest)}` : '';
        const response = await this.#call(`events${query}`, { signal: live.signal });
        if (!response.ok || !response.body) throw new Error(String(response.status));
        const parser = createSseParser((data) => this.#onLiveEvent(JSON.parse(data) as LiveEvent));
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.push(decoder.decode(value, { stream: true }));
        }
      } catch {
        // cut or refused: wait a moment and reconnect (unless stopped)
      }
      if (!live.signal.aborted) await new Promise((r) => this.#deps.setTimer(() => r(0), 1000));
    }
  }

  #onLiveEvent(event: LiveEvent) {
    if (event.type === 'handoff') this.#onHandoff(event.handoff);
    else if (!this.state.messages.some((m) => m.id === event.message.id))
      this.#set({ messages: [...this.state.messages, toChatMessage(event.message)] });
  }

  /** Preview mode (see preview.ts): show the dashboard's draft settings, live. */
  preview(settings: PublicWidgetSettings) {
    this.#draft = settings;
    this.#set({ settings: mergeDraft(this.#saved, settings) });
  }

  setNarrow(narrow: boolean) {
    if (narrow !== this.state.narrow) this.#set({ narrow });
  }

  dismissNotice() {
    this.#set({ notice: null });
  }
}

function toChatMessage(m: TranscriptMessage): ChatMessage {
  return { ...m, key: m.id };
}

async function errorCode(response: Response): Promise<WidgetErrorCode | null> {
  try {
    return ((await response.json()) as ErrorResponse).error.code;
  } catch {
    return null;
  }
}

async function readError(response: Response): Promise<{ code: WidgetErrorCode; message: string }> {
  try {
    const body = (await response.json()) as ErrorResponse;
    if (DEVELOPER_CODES.has(body.error?.code))
      return { code: body.error.code, message: TEXT.closed };
    if (body.error?.message) return body.error;
  } catch {
    // not JSON: a proxy or gateway page
  }
  return { code: 'internal', message: response.status >= 500 ? TEXT.generic : TEXT.network };
}
