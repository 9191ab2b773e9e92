import { runIngestionBench } from './ingestion';
import { runRetrievalBench } from './retrieval';

/**
 * Knowledge benchmarks (prints figures): retrieval latency and recall at 10k chunks (and 100k
 * with BENCH_RAG_100K=1), ingestion throughput against the embedding model's raw rate.
 */
export async function runRagBench(): Promise<void> {
  await runIngestionBench();
  await runRetrievalBench();
}
