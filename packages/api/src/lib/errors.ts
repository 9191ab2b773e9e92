import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { isAppError } from '@platform/errors';
import type { AppError, AppErrorCode } from '@platform/errors';

/**
 * The one place errors become transport errors. Domain code throws AppError; Postgres constraint
 * errors that reach here are mapped by SQLSTATE; anything else is a 500 with a generic message and
 * the cause logged, never echoed.
 */
const APP_TO_TRPC: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  BAD_INPUT: 'BAD_REQUEST',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  BUDGET_EXCEEDED: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

const PG_TO_TRPC: Record<string, { code: TRPC_ERROR_CODE_KEY; message: string }> = {
  '23505': { code: 'CONFLICT', message: 'This already exists.' }, // unique_violation
  '23503': { code: 'NOT_FOUND', message: 'A record this refers to was not found.' }, // foreign_key_violation
  '23514': { code: 'BAD_REQUEST', message: 'A value is out of the allowed range.' }, // check_violation
  '23502': { code: 'BAD_REQUEST', message: 'A required value is missing.' }, // not_null_violation
  '22P02': { code: 'BAD_REQUEST', message: 'A value has the wrong format.' }, // invalid_text_representation (uuid, ...)
  '22003': { code: 'BAD_REQUEST', message: 'A number is out of range.' }, // numeric_value_out_of_range
  '22001': { code: 'BAD_REQUEST', message: 'A value is too long.' }, // string_data_right_truncation
  '22007': { code: 'BAD_REQUEST', message: 'A date has the wrong format.' }, // invalid_datetime_format
  '22008': { code: 'BAD_REQUEST', message: 'A date is out of range.' }, // datetime_field_overflow
  '42501': { code: 'NOT_FOUND', message: 'Not found.' }, // RLS WITH CHECK: never confirm another tenant's row
  '40001': { code: 'CONFLICT', message: 'A concurrent change got in the way. Please try again.' }, // serialization_failure
  '40P01': { code: 'CONFLICT', message: 'A concurrent change got in the way. Please try again.' }, // deadlock_detected
};

export const GENERIC_INTERNAL_MESSAGE = 'Something went wrong on our side. Please try again.';

export interface ZodLikeError {
  name: string;
  issues: Array<{ path: PropertyKey[]; message: string }>;
}

export function isZodError(error: unknown): error is ZodLikeError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'ZodError' &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}

/** Walks `cause` links (drizzle wraps driver errors) looking for a match. */
function findInCauses<T>(error: unknown, pick: (e: unknown) => T | undefined): T | undefined {
  for (
    let e: unknown = error, depth = 0;
    e && depth < 6;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const found = pick(e);
    if (found !== undefined) return found;
  }
  return undefined;
}

export const findAppError = (error: unknown) =>
  findInCauses(error, (e) => (isAppError(e) ? e : undefined));
export const findZodError = (error: unknown) =>
  findInCauses(error, (e) => (isZodError(e) ? e : undefined));
const findPgCode = (error: unknown) =>
  findInCauses(error, (e) => {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && code in PG_TO_TRPC
      ? code
      : undefined;
  });

export type ErrorLogger = (message: string, details: Record<string, unknown>) => void;

export function toTRPCError(error: TRPCError, log: ErrorLogger, path: string): TRPCError {
  const appError: AppError | undefined = findAppError(error);
  if (appError)
    return new TRPCError({
      code: APP_TO_TRPC[appError.code],
      message: appError.message,
      cause: appError,
    });
  const zodError = findZodError(error);
  if (zodError) {
    return error.code === 'BAD_REQUEST'
      ? error
      : new TRPCError({
          code: 'BAD_REQUEST',
          message: 'Invalid input.',
          cause: error.cause ?? error,
        });
  }
  const pgCode = findPgCode(error);
  if (pgCode) {
    const mapped = PG_TO_TRPC[pgCode]!;
    return new TRPCError({ code: mapped.code, message: mapped.message });
  }
  if (error.code !== 'INTERNAL_SERVER_ERROR') return error; // deliberate (tRPC's own, e.g. parse errors)
  log('Unhandled error in tRPC procedure', { path, error: error.cause ?? error });
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: GENERIC_INTERNAL_MESSAGE });
}

/** Zod issues keyed by dotted field path (`settings.maxMonthlySpend`, `domainWhitelist.0`). */
export function flattenZodError(error: ZodLikeError): {
  formErrors: string[];
  fieldErrors: Record<string, string[]>;
} {
  const formErrors: string[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (path) (fieldErrors[path] ??= []).push(issue.message);
    else formErrors.push(issue.message);
  }
  return { formErrors, fieldErrors };
}
