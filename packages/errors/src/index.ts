/**
 * The one error domain code throws. The API maps each code to a transport status in one place
 * (packages/api); domain packages never import tRPC or HTTP.
 */
export const appErrorCodes = [
  'UNAUTHENTICATED', // no or expired session
  'FORBIDDEN', // signed in, but the role does not allow it
  'NOT_FOUND', // missing, or another tenant's (never confirm which)
  'CONFLICT', // duplicate, or a state that forbids the change (last owner, ...)
  'BAD_INPUT', // input that passed the schema but makes no sense (dates reversed, ...)
  'RATE_LIMITED', // too many requests; `retryAfterSeconds` says when to come back
  'BUDGET_EXCEEDED', // the tenant's spending cap is reached
  'UNAVAILABLE', // a provider is not configured or not reachable
] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

export interface AppErrorOptions {
  cause?: unknown;
  /** For RATE_LIMITED: seconds until a retry can succeed. */
  retryAfterSeconds?: number;
  /** Extra, safe-to-show details (field names, limits). Never secrets or other tenants' data. */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly retryAfterSeconds?: number;
  readonly details?: Record<string, unknown>;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.details = options.details;
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found.`);
export const forbidden = (message = 'Your role does not allow this.') => new AppError('FORBIDDEN', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
