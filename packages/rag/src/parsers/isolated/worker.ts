import { parentPort } from 'node:worker_threads';
import { isAppError } from '@platform/errors';
import { parseBytes } from '../detect';
import type { ParseJob, ParseOutcome } from './protocol';

/**
 * The parse worker's entry: runs the in-thread parsers on one file at a time. The pool enforces
 * the time and memory limits from outside (terminate, resourceLimits); nothing here needs to.
 */
parentPort?.on('message', (job: ParseJob) => {
  void parseBytes(job.bytes, job.options).then(
    (document): void => parentPort?.postMessage({ ok: true, document } satisfies ParseOutcome),
    (error: unknown): void =>
      parentPort?.postMessage(
        (isAppError(error)
          ? { ok: false, code: error.code, message: error.message }
          : {
              ok: false,
              code: 'BAD_INPUT',
              message: 'This file could not be read.',
            }) satisfies ParseOutcome,
      ),
  );
});

// Loaded: the pool starts a file's clock only now, so start-up never counts against its limit.
parentPort?.postMessage('ready');
