DROP INDEX "knowledge_chunk_fts_idx";--> statement-breakpoint
ALTER TABLE "knowledge_chunks" ADD COLUMN "content_tsv" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "knowledge_chunks"."content")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "knowledge_chunk_fts_idx" ON "knowledge_chunks" USING gin ("content_tsv");