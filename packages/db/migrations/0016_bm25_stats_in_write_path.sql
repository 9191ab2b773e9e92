-- hand-written: BM25 statistics kept by the code that writes chunks, not by triggers.
--
-- Citus refuses to distribute a table that has triggers (and a trigger on a shard could not keep
-- statistics of other shards' tables without a distributed query from inside a shard). So one
-- code path on every server: packages/db/src/knowledge/chunks.ts inserts and deletes chunks and
-- updates knowledge_term_stats / knowledge_corpus_stats in the same transaction, with the same
-- SQL the statement triggers of migration 0008 ran. term_count is computed in the INSERT by the
-- function below (same `english` parse as content_tsv).
DROP TRIGGER IF EXISTS knowledge_chunk_stats_insert ON "knowledge_chunks";
--> statement-breakpoint
DROP TRIGGER IF EXISTS knowledge_chunk_stats_update ON "knowledge_chunks";
--> statement-breakpoint
DROP TRIGGER IF EXISTS knowledge_chunk_stats_delete ON "knowledge_chunks";
--> statement-breakpoint
DROP TRIGGER IF EXISTS knowledge_chunk_term_count ON "knowledge_chunks";
--> statement-breakpoint
DROP FUNCTION IF EXISTS knowledge_chunk_stats();
--> statement-breakpoint
DROP FUNCTION IF EXISTS knowledge_chunk_term_count();
--> statement-breakpoint
-- A chunk's length for BM25: lexeme occurrences of its `english` parse (stop words out).
-- IMMUTABLE like to_tsvector(regconfig, text), so Citus may evaluate it on the worker.
CREATE OR REPLACE FUNCTION english_token_count(content text) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT coalesce(sum(cardinality(u.positions)), 0)::integer
      FROM unnest(to_tsvector('english'::regconfig, content)) u
  $$;
