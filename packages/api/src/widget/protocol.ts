/**
 * The widget's wire protocol: what the public widget API sends and accepts, and the messages the
 * loader and the chat frame exchange. Plain types with no imports, so apps/widget can depend on
 * them (type-only) without pulling any server code into its bundle.
 */

export type WidgetTheme = 'light' | 'dark' | 'auto';
export type WidgetPosition = 'bottom-right' | 'bottom-left';

/** The widget settings a visitor's browser may see (never the whitelist or the tenant). */
export interface PublicWidgetSettings {
  name: string;
  theme: WidgetTheme;
  position: WidgetPosition;
  greeting: string;
  /** `#rgb`/`#rrggbb`, validated server-side so it is safe to put in CSS. */
  primaryColor: string;
  secondaryColor: string;
  /** Shown when the visitor asks for a person (e.g. "Mon-Fri 9:00-17:00 CET"); may be empty. */
  supportHours?: string;
  /** Shown while the visitor waits for a person; may be empty. */
  awayMessage?: string;
}

/** Who answers: the assistant, nobody yet (waiting for a person), or a person. */
export type HandoffState = 'assistant' | 'waiting' | 'held';

export interface HandoffStatus {
  state: HandoffState;
  /** The person holding the conversation (display name), when held. */
  personName: string | null;
}

export interface HandoffRequest {
  /** 'offer': the visitor accepted the assistant's offer; 'visitor': the widget's own action. */
  reason?: 'visitor' | 'offer';
}

export interface SessionStartRequest {
  /** The token the frame kept from an earlier page view: continues that conversation. */
  resumeToken?: string;
}

export interface SessionStartResponse {
  token: string;
  /** Epoch seconds. */
  expiresAt: number;
  sessionId: string;
  resumed: boolean;
  widget: PublicWidgetSettings;
  maxMessageChars: number;
}

export interface TokenResponse {
  token: string;
  expiresAt: number;
}

export interface PublicSource {
  /** The number answers cite it by ([1], [2], ...): its position in the retrieved list. */
  index: number;
  title: string;
  /** http(s) only. */
  url?: string;
  excerpt: string;
}

export interface TranscriptMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  createdAt: string;
  sources: PublicSource[];
  feedback: 'up' | 'down' | null;
  status: 'streaming' | 'complete' | 'failed';
  /** Set when a person of the team wrote it (shown with their name and initial). */
  person?: { name: string };
  /** An invitation to a call: shown as a "Join call" button. */
  call?: { url: string; expiresAt: string };
}

export interface TranscriptResponse {
  messages: TranscriptMessage[];
  handoff: HandoffStatus;
}

/** GET /events: server-sent events while a person is asked for or holds the conversation. */
export type LiveEvent =
  { type: 'handoff'; handoff: HandoffStatus } | { type: 'message'; message: TranscriptMessage };

export interface ChatRequest {
  content: string;
}

export interface FeedbackRequest {
  messageId: string;
  value: 'up' | 'down' | null;
}

export type WidgetErrorCode =
  | 'widget_not_found'
  | 'widget_inactive'
  | 'origin_not_allowed'
  | 'invalid_token'
  | 'token_expired'
  | 'session_expired'
  | 'rate_limited'
  | 'bad_request'
  | 'message_too_long'
  | 'not_found'
  | 'budget_exceeded'
  | 'unavailable'
  | 'internal';

export interface ErrorResponse {
  error: { code: WidgetErrorCode; message: string; retryAfterSeconds?: number };
}

export interface DiagnoseResponse {
  code: 'ok' | 'widget_not_found' | 'widget_inactive' | 'origin_not_allowed';
  /** Plain words for the host page's developer. */
  message: string;
}

/** Server-sent events of one chat turn, one JSON object per `data:` line. */
export type ChatStreamEvent =
  | { type: 'user-message'; id: string }
  | { type: 'sources'; sources: PublicSource[] }
  | { type: 'delta'; text: string }
  /** `offerPerson`: the assistant found nothing to answer from; the widget offers a person. */
  | { type: 'done'; id: string; offerPerson?: boolean }
  | { type: 'error'; code: WidgetErrorCode; message: string; retryable: boolean }
  /** A person is asked for or holds the conversation: the message was delivered, no AI answers. */
  | { type: 'with-person'; handoff: HandoffStatus }
  /** The visitor asked for a human in plain words: the widget offers a person instead of an answer. */
  | { type: 'offer-person' };

/** Frame -> loader. */
export type FrameToHostMessage =
  | { pw: 1; type: 'ready'; resumeToken: string | null }
  | { pw: 1; type: 'open' }
  | { pw: 1; type: 'close' }
  /** The session ended or its token could not be renewed: start (or resume) again from the host. */
  | { pw: 1; type: 'restart'; resumeToken: string | null }
  /** A message for the host page's developer, logged once in the console. */
  | { pw: 1; type: 'log'; message: string };

/** Loader -> frame. */
export type HostToFrameMessage =
  | { pw: 1; type: 'session'; session: SessionStartResponse }
  | { pw: 1; type: 'session-failed'; status: number; code: WidgetErrorCode | null }
  | { pw: 1; type: 'viewport'; narrow: boolean }
  /**
   * Preview mode only (the dashboard frames /widget/frame.html itself): draft settings to show
   * instead of the saved ones. The frame honours it only when the framing page is the app's own
   * origin, so no customer site can restyle a widget through it.
   */
  | { pw: 1; type: 'preview'; settings: PublicWidgetSettings };
