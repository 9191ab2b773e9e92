import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { appRouter } from '../root';
import type { Caller } from './fixtures';

interface AnyProcedure {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: unknown[] };
}

/** Every procedure path of the router, read from the router itself. */
export function procedurePaths(): string[] {
  return Object.keys(appRouter._def.procedures).sort();
}

export function procedureDef(path: string): AnyProcedure['_def'] {
  return (appRouter._def.procedures as unknown as Record<string, AnyProcedure>)[path]!._def;
}

/** Calls `caller.a.b(input)` for the path 'a.b'. */
export function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

export interface Outcome {
  ok: boolean;
  value?: unknown;
  code?: string;
  message?: string;
  /** The error as the client would receive it (after the error formatter). */
  shape?: {
    message: string;
    data: { code: string; zodError: { fieldErrors: Record<string, string[]> } | null };
  };
}

export async function attempt(caller: Caller, path: string, input: unknown): Promise<Outcome> {
  try {
    return { ok: true, value: await call(caller, path, input) };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const shape = getErrorShape({
      config: appRouter._def._config,
      error,
      type: procedureDef(path).type,
      path,
      input,
      ctx: undefined,
    }) as Outcome['shape'];
    return { ok: false, code: error.code, message: error.message, shape };
  }
}
