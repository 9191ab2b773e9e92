import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '@platform/errors';
import type { ParseBytesOptions } from '../detect';
import type { ParsedDocument } from '../types';
import type { ParseJob, ParseOutcome } from './protocol';

export interface ParsePoolLimits {
  /** Files parsed at once, each in its own worker thread; more wait in line. */
  workers: number;
  /** Longest one file may take to parse (its wait in line not counted). */
  timeoutMs: number;
  /** V8 heap of each worker: a file needing more is refused, the server unaffected. */
  maxMemoryMb: number;
  /** Files allowed to wait for a worker; beyond this the upload is refused as busy. */
  maxQueued: number;
}

const STARTUP_TIMEOUT_MS = 60_000;

/**
 * Parsing off the request thread. A hostile file (200,000 nested elements, a PDF bomb) costs
 * its own worker's time and memory, never the event loop every tenant's requests share: past
 * the time limit the worker is terminated, past the memory limit V8 stops it, and the upload
 * gets a readable refusal. Idle workers are kept (unref'd, so they never hold a process open).
 */
export class ParsePool {
  readonly #limits: ParsePoolLimits;
  readonly #idle: Worker[] = [];
  readonly #waiting: Array<() => void> = [];
  #running = 0;

  constructor(limits: ParsePoolLimits) {
    this.#limits = limits;
  }

  async parse(bytes: Uint8Array, options: ParseBytesOptions): Promise<ParsedDocument> {
    await this.#takeSlot();
    try {
      const worker = this.#idle.pop() ?? (await spawnWorker(this.#limits.maxMemoryMb));
      // A copy the worker takes ownership of (transferred, not cloned a second time).
      const copy = new Uint8Array(new ArrayBuffer(bytes.byteLength));
      copy.set(bytes);
      const outcome = await this.#run(worker, { bytes: copy, options }, copy.buffer);
      // The worker answered (a document or the parser's refusal): it is healthy, keep it.
      worker.unref();
      this.#idle.push(worker);
      if (!outcome.ok) throw new AppError(outcome.code, outcome.message);
      return outcome.document;
    } finally {
      this.#releaseSlot();
    }
  }

  /** Stops every idle worker (tests, shutdown); running ones finish or time out. */
  async close(): Promise<void> {
    await Promise.all(this.#idle.splice(0).map((worker) => worker.terminate()));
  }

  async #takeSlot(): Promise<void> {
    if (this.#running < this.#limits.workers) {
      this.#running++;
      return;
    }
    if (this.#waiting.length >= this.#limits.maxQueued) {
      throw new AppError(
        'RATE_LIMITED',
        'The server is busy reading other files. Try again in a minute.',
        { retryAfterSeconds: 60 },
      );
    }
    // The slot passes straight from the releasing job to this one (#running is unchanged).
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #releaseSlot(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running--;
  }

  /** One file in one worker; a worker that timed out or failed is terminated, never reused. */
  #run(worker: Worker, job: ParseJob, transfer: ArrayBuffer): Promise<ParseOutcome> {
    const { timeoutMs, maxMemoryMb } = this.#limits;
    worker.ref();
    return new Promise<ParseOutcome>((resolve, reject) => {
      const fail = (error: AppError) => {
        cleanUp();
        void worker.terminate();
        reject(error);
      };
      const timer = setTimeout(
        () =>
          fail(
            new AppError(
              'BAD_INPUT',
              `This file took longer than ${timeoutMs / 1000} s to read and was refused. ` +
                'Split it into smaller files, or upload its text.',
              { details: { timeoutMs } },
            ),
          ),
        timeoutMs,
      );
      const onMessage = (outcome: ParseOutcome) => {
        cleanUp();
        resolve(outcome);
      };
      const onError = (error: Error & { code?: string }) =>
        fail(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError(
                'BAD_INPUT',
                `This file needs more than ${maxMemoryMb} MB of memory to read and was refused. ` +
                  'Split it into smaller files, or upload its text.',
                { details: { maxMemoryMb } },
              )
            : new AppError('UNAVAILABLE', 'Reading the file failed. Try again.', { cause: error }),
        );
      const onExit = (exitCode: number) =>
        fail(
          new AppError('UNAVAILABLE', 'Reading the file failed. Try again.', {
            cause: new Error(`parse worker exited with code ${exitCode}`),
          }),
        );
      const cleanUp = () => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(job, [transfer]);
    });
  }
}

/** Set once Node has refused the .ts entry: this process runs from source. */
let fromSource = false;

/**
 * A worker running ./worker.ts, once it has loaded. The inline `new Worker(new URL(...))` form is
 * what Next's bundler recognises and compiles into a worker chunk of its own. Run from source
 * (vitest, tsx scripts), Node refuses a .ts entry, and ./from-source.mjs loads it through tsx.
 */
async function spawnWorker(maxMemoryMb: number): Promise<Worker> {
  const resourceLimits = { maxOldGenerationSizeMb: maxMemoryMb };
  if (!fromSource) {
    try {
      return await loaded(new Worker(new URL('./worker.ts', import.meta.url), { resourceLimits }));
    } catch (error) {
      if ((error as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw failed(error);
      fromSource = true;
    }
  }
  const here = dirname(fileURLToPath(import.meta.url));
  try {
    // Reflect.construct, not `new Worker(path)`: the bundler would try (and fail) to bundle a
    // computed path it never needs, and warn on every build.
    return await loaded(
      Reflect.construct(Worker, [
        join(here, 'from-source.mjs'),
        { resourceLimits, workerData: { entry: pathToFileURL(join(here, 'worker.ts')).href } },
      ]) as Worker,
    );
  } catch (error) {
    throw failed(error);
  }
}

/** Resolves once the worker reports it has loaded; terminates it if it does not. */
async function loaded(worker: Worker): Promise<Worker> {
  try {
    const [message] = (await once(worker, 'message', {
      signal: AbortSignal.timeout(STARTUP_TIMEOUT_MS),
    })) as [unknown];
    if (message !== 'ready') throw new Error(`unexpected first message ${String(message)}`);
    return worker;
  } catch (error) {
    void worker.terminate();
    throw error;
  }
}

const failed = (cause: unknown) =>
  new AppError('UNAVAILABLE', 'Reading the file failed. Try again.', { cause });
