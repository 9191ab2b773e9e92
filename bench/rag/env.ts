/** Settings of the retrieval and ingestion benchmark (all optional). */
function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got "${raw}".`);
  return value;
}

export const ragBenchEnv = {
  /** Chunk counts of the measured tenant; 100k is slow on PGlite (index build), so opt-in. */
  sizes:
    process.env.BENCH_RAG_100K === '1'
      ? [10_000, 100_000]
      : [positiveInt('BENCH_RAG_CHUNKS', 10_000)],
  /** Other tenants sharing the table, and how many chunks they hold together (default: as many as
   * the measured tenant, at most 30k, to keep the PGlite index build within minutes). */
  otherTenants: positiveInt('BENCH_RAG_OTHER_TENANTS', 3),
  otherChunks: process.env.BENCH_RAG_OTHER_CHUNKS
    ? positiveInt('BENCH_RAG_OTHER_CHUNKS', 1)
    : undefined,
  /** Timed queries per size (latency), and queries checked against exact search (recall). */
  queries: positiveInt('BENCH_RAG_QUERIES', 200),
  recallQueries: positiveInt('BENCH_RAG_RECALL_QUERIES', 50),
  /** Whole hybrid searches timed (slow at 100k on PGlite: the text branch reads the tenant). */
  hybridQueries: positiveInt('BENCH_RAG_HYBRID_QUERIES', 30),
  /** Chunks in the ingestion run. */
  ingestChunks: positiveInt('BENCH_RAG_INGEST_CHUNKS', 64),
};
