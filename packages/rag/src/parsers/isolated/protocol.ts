import type { AppErrorCode } from '@platform/errors';
import type { ParseBytesOptions } from '../detect';
import type { ParsedDocument } from '../types';

/** What the pool sends a parse worker: one file at a time. */
export interface ParseJob {
  bytes: Uint8Array;
  options: ParseBytesOptions;
}

/** What a parse worker answers: the document, or the readable refusal the parser raised. */
export type ParseOutcome =
  { ok: true; document: ParsedDocument } | { ok: false; code: AppErrorCode; message: string };
