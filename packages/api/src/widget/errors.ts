import { AppError, isAppError } from '@platform/errors';
import type { AppErrorCode } from '@platform/errors';
import type { ErrorResponse, WidgetErrorCode } from './protocol';

/**
 * Refusals of the public widget API. They are AppErrors (the one error domain); `details.widget`
 * carries the wire code the widget understands. Messages are safe to show: friendly for visitors,
 * plain for the host page's developer, never internals.
 */
export function widgetError(
  code: AppErrorCode,
  widget: WidgetErrorCode,
  message: string,
  retryAfterSeconds?: number,
): AppError {
  return new AppError(code, message, { details: { widget }, retryAfterSeconds });
}

export const refusals = {
  widgetNotFound: () =>
    widgetError(
      'NOT_FOUND',
      'widget_not_found',
      'No widget has this id. Check data-widget-id in the embed code.',
    ),
  widgetInactive: () =>
    widgetError(
      'FORBIDDEN',
      'widget_inactive',
      'This widget is turned off. Activate it in the dashboard.',
    ),
  originNotAllowed: (origin: string | null) =>
    widgetError(
      'FORBIDDEN',
      'origin_not_allowed',
      origin
        ? `The origin ${origin} is not in this widget's allowed domains. Add it in the dashboard.`
        : 'The request has no Origin header; the widget must be started from a web page.',
    ),
  invalidToken: () =>
    widgetError(
      'UNAUTHENTICATED',
      'invalid_token',
      'Your chat session is not valid. Please reload the page.',
    ),
  tokenExpired: () =>
    widgetError('UNAUTHENTICATED', 'token_expired', 'Your chat session timed out. Reconnecting…'),
  sessionExpired: () =>
    widgetError(
      'UNAUTHENTICATED',
      'session_expired',
      'This conversation has ended. A new one will start.',
    ),
  rateLimited: (retryAfterSeconds: number) =>
    widgetError(
      'RATE_LIMITED',
      'rate_limited',
      'You are sending messages a little fast. Please wait a moment and try again.',
      retryAfterSeconds,
    ),
  badRequest: (message = 'The request was not understood.') =>
    widgetError('BAD_INPUT', 'bad_request', message),
  messageTooLong: (max: number) =>
    widgetError(
      'BAD_INPUT',
      'message_too_long',
      `Please keep your message under ${max} characters.`,
    ),
  notFound: () => widgetError('NOT_FOUND', 'not_found', 'That message was not found.'),
};

const statusByCode: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BAD_INPUT: 400,
  RATE_LIMITED: 429,
  BUDGET_EXCEEDED: 429,
  UNAVAILABLE: 503,
};

const wireCodeByCode: Record<AppErrorCode, WidgetErrorCode> = {
  UNAUTHENTICATED: 'invalid_token',
  FORBIDDEN: 'bad_request',
  NOT_FOUND: 'not_found',
  CONFLICT: 'bad_request',
  BAD_INPUT: 'bad_request',
  RATE_LIMITED: 'rate_limited',
  BUDGET_EXCEEDED: 'budget_exceeded',
  UNAVAILABLE: 'unavailable',
};

export const FRIENDLY = {
  budget: 'This assistant cannot answer right now. Please try again later.',
  unavailable: 'The assistant is temporarily unavailable. Please try again in a moment.',
  internal: 'Something went wrong on our side. Please try again.',
};

const friendlyByWire: Partial<Record<WidgetErrorCode, string>> = {
  budget_exceeded: FRIENDLY.budget,
  unavailable: FRIENDLY.unavailable,
  rate_limited: 'You are sending messages a little fast. Please wait a moment and try again.',
};

/** Any thrown value -> wire code, status and a message safe to show. Unknown errors are logged. */
export function describeError(error: unknown): { status: number; body: ErrorResponse } {
  if (isAppError(error)) {
    const widget = error.details?.widget as WidgetErrorCode | undefined;
    const code = widget ?? wireCodeByCode[error.code];
    const message = widget ? error.message : (friendlyByWire[code] ?? error.message);
    return {
      status: statusByCode[error.code],
      body: {
        error: {
          code,
          message,
          ...(error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
        },
      },
    };
  }
  console.error('[widget-api] unexpected error', error);
  return { status: 500, body: { error: { code: 'internal', message: FRIENDLY.internal } } };
}
