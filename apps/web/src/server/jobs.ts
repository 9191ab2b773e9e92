import { failAbandonedAnswers } from '@platform/ai';
import { runCostJobs } from '@platform/costs';
import { ingestDocument, ingestPendingDocuments, reindexStaleTenants } from '@platform/rag';
import { db } from './db';

const SWEEP_EVERY_MS = 60_000;
const COST_JOBS_EVERY_MS = 5 * 60_000;

/**
 * Background work of one app process, run one job at a time: embedding is CPU-heavy, and a
 * document scheduled by the API must not race the sweep that would pick it up too.
 * Every job is safe to run in several processes at once (ingestion replaces chunks; the cost
 * rollup and budget checks are idempotent and locked per tenant).
 */
class JobQueue {
  #tail: Promise<void> = Promise.resolve();
  #queued = new Set<string>();

  /** Adds `job` unless one with the same key is already waiting. */
  enqueue(key: string, job: () => Promise<unknown>): void {
    if (this.#queued.has(key)) return;
    this.#queued.add(key);
    this.#tail = this.#tail.then(async () => {
      this.#queued.delete(key);
      try {
        await job();
      } catch (error) {
        console.error(`[jobs] ${key} failed`, error);
      }
    });
  }
}

const holder = globalThis as typeof globalThis & { __platformJobs?: JobQueue };

function queue(): JobQueue {
  if (!holder.__platformJobs) {
    const jobs = new JobQueue();
    holder.__platformJobs = jobs;
    // Answers and documents a stopped process (a crash, a kill) left half-done: answers still
    // `streaming` past their deadline are marked failed (all of them at start-up, then the last
    // hour's on every sweep); documents `processing` past their lease are ingested again.
    const sweep = (answers: { lookBackMs?: number }) => {
      jobs.enqueue('fail-abandoned-answers', () => failAbandonedAnswers(db, answers));
      jobs.enqueue('ingest-pending', () => ingestPendingDocuments(db));
    };
    const costs = () => jobs.enqueue('cost-jobs', () => runCostJobs(db));
    // First: a changed EMBEDDING_PROVIDER re-indexes the tenants embedded with the old model
    // (their new documents would otherwise be refused for mixing models).
    jobs.enqueue('reindex-stale-models', () => reindexStaleTenants(db));
    sweep({}); // seeded documents, and whatever a stopped process left half-done
    setInterval(() => sweep({ lookBackMs: 60 * 60_000 }), SWEEP_EVERY_MS).unref();
    setInterval(costs, COST_JOBS_EVERY_MS).unref();
  }
  return holder.__platformJobs;
}

/** Starts the background jobs of this process (idempotent). */
export function startBackgroundJobs(): void {
  queue();
}

/** Ingests a document soon, in this process; the sweep catches it if this process stops first. */
export function scheduleIngestion(tenantId: string, documentId: string): void {
  queue().enqueue(`ingest:${documentId}`, () => ingestDocument(db, tenantId, documentId));
}
