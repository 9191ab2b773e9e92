import { Worker } from 'node:worker_threads';
import { AppError } from '@platform/errors';

/** The offline model as the rest of the package uses it: texts in, 512-d vectors out. */
export interface LocalModel {
  embed(texts: string[]): Promise<number[][]>;
}

type Reply = { id: number; vectors: number[][] } | { id: number; error: string };

interface Pending {
  resolve: (vectors: number[][]) => void;
  reject: (error: Error) => void;
}

/**
 * Runs the Universal Sentence Encoder lite in a worker thread (see local-model.worker.mjs for
 * why). One thread per process, started on first use; if it dies, the requests it held fail and
 * the next request starts a new one. The thread keeps the process alive only while it has work,
 * so scripts and tests exit when they are done.
 */
class LocalModelThread implements LocalModel {
  #worker: Worker | undefined;
  #pending = new Map<number, Pending>();
  #nextId = 0;

  embed(texts: string[]): Promise<number[][]> {
    const worker = this.#start();
    const id = this.#nextId++;
    return new Promise<number[][]>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, texts });
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    // The literal `new Worker(new URL(..., import.meta.url))` form is what bundlers recognise
    // (Next's server build bundles the thread's entry from it).
    const worker = new Worker(new URL('./local-model.worker.mjs', import.meta.url));
    worker.unref();
    worker.on('message', (reply: Reply) => this.#settle(worker, reply));
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('exit', (code) => this.#fail(worker, new Error(`exited with code ${code}`)));
    this.#worker = worker;
    return worker;
  }

  #settle(worker: Worker, reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) worker.unref();
    if (!pending) return;
    if ('error' in reply) pending.reject(unavailable(reply.error));
    else pending.resolve(reply.vectors);
  }

  #fail(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    if (pending.length > 0) console.error('[embeddings] the local model thread stopped', error);
    for (const request of pending) request.reject(unavailable(error.message));
  }
}

function unavailable(reason: string): AppError {
  return new AppError('UNAVAILABLE', `The offline embedding model failed: ${reason}`);
}

let thread: LocalModelThread | undefined;

/** The process's local model thread (started on the first embedding, not here). */
export function localModel(): LocalModel {
  thread ??= new LocalModelThread();
  return thread;
}
