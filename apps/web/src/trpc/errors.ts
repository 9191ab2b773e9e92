import { TRPCClientError } from '@trpc/client';

/** Field errors the API's error formatter attaches (flattened zod issues), if any. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const data = error.data as { zodError?: { fieldErrors?: Record<string, string[] | undefined> } };
  const out: Record<string, string> = {};
  for (const [key, messages] of Object.entries(data?.zodError?.fieldErrors ?? {})) {
    if (messages?.[0]) out[key] = messages[0];
  }
  return out;
}

/** A message fit for a toast: the server's own for expected errors, generic otherwise. */
export function errorMessage(error: unknown, fallback = 'Something went wrong'): string {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: string } | undefined)?.code;
    if (code === 'INTERNAL_SERVER_ERROR') return fallback;
    if (code === 'UNAUTHORIZED') return 'Your session has ended: sign in again';
    if (code === 'FORBIDDEN') return 'Your role does not allow this';
    return error.message || fallback;
  }
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}
