CREATE TABLE "knowledge_corpus_stats" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"chunks" integer NOT NULL,
	"terms" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "knowledge_corpus_stats" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "knowledge_term_stats" (
	"tenant_id" uuid NOT NULL,
	"term" text NOT NULL,
	"chunks" integer NOT NULL,
	CONSTRAINT "knowledge_term_stats_pk" PRIMARY KEY("tenant_id","term")
);
--> statement-breakpoint
ALTER TABLE "knowledge_term_stats" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "knowledge_chunks" ADD COLUMN "term_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "knowledge_corpus_stats" ADD CONSTRAINT "knowledge_corpus_stats_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_term_stats" ADD CONSTRAINT "knowledge_term_stats_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "knowledge_corpus_stats_select" ON "knowledge_corpus_stats" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("knowledge_corpus_stats"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_corpus_stats_insert" ON "knowledge_corpus_stats" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("knowledge_corpus_stats"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_corpus_stats_update" ON "knowledge_corpus_stats" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("knowledge_corpus_stats"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("knowledge_corpus_stats"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_corpus_stats_delete" ON "knowledge_corpus_stats" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("knowledge_corpus_stats"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_corpus_stats_system" ON "knowledge_corpus_stats" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "knowledge_term_stats_select" ON "knowledge_term_stats" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("knowledge_term_stats"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_term_stats_insert" ON "knowledge_term_stats" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("knowledge_term_stats"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_term_stats_update" ON "knowledge_term_stats" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("knowledge_term_stats"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("knowledge_term_stats"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_term_stats_delete" ON "knowledge_term_stats" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("knowledge_term_stats"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_term_stats_system" ON "knowledge_term_stats" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written: BM25 statistics, kept in the transaction that writes chunks.
--
-- The text branch of hybrid search ranks by BM25, which needs per tenant: how many chunks contain
-- each lexeme (knowledge_term_stats), the chunk count and total length (knowledge_corpus_stats),
-- and each chunk's length (knowledge_chunks.term_count, tokens of content_tsv: stop words out).
-- Triggers keep them, so every path that writes chunks (ingestion, re-indexing, cascaded deletes,
-- bulk loads) keeps them exact. They run as the writing role, under its RLS policies.
--
-- term_count: set before the row is stored. Stored generated columns are computed after BEFORE
-- triggers, so the text is parsed here with the same configuration as content_tsv.
CREATE OR REPLACE FUNCTION knowledge_chunk_term_count() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  NEW.term_count := (
    SELECT coalesce(sum(cardinality(u.positions)), 0)
    FROM unnest(to_tsvector('english'::regconfig, NEW.content)) u
  );
  RETURN NEW;
END
$$;
--> statement-breakpoint
-- Statement triggers over transition tables: one aggregate per statement, not one per row. The
-- tenant's corpus row is written first: it serializes concurrent writers of one tenant before
-- they touch term rows, so two ingestions cannot deadlock on terms locked in different orders.
CREATE OR REPLACE FUNCTION knowledge_chunk_stats() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE public.knowledge_corpus_stats s
       SET chunks = s.chunks - d.chunks, terms = s.terms - d.terms
      FROM (SELECT tenant_id, count(*)::int AS chunks, sum(term_count)::bigint AS terms
              FROM old_chunks GROUP BY tenant_id) d
     WHERE s.tenant_id = d.tenant_id;
    DELETE FROM public.knowledge_term_stats s
     USING (SELECT c.tenant_id, u.lexeme AS term, count(*)::int AS chunks
              FROM old_chunks c, unnest(c.content_tsv) u GROUP BY 1, 2) d
     WHERE s.tenant_id = d.tenant_id AND s.term = d.term AND s.chunks <= d.chunks;
    UPDATE public.knowledge_term_stats s
       SET chunks = s.chunks - d.chunks
      FROM (SELECT c.tenant_id, u.lexeme AS term, count(*)::int AS chunks
              FROM old_chunks c, unnest(c.content_tsv) u GROUP BY 1, 2) d
     WHERE s.tenant_id = d.tenant_id AND s.term = d.term;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO public.knowledge_corpus_stats AS s (tenant_id, chunks, terms)
    SELECT tenant_id, count(*), sum(term_count) FROM new_chunks GROUP BY tenant_id ORDER BY tenant_id
    ON CONFLICT (tenant_id) DO UPDATE
      SET chunks = s.chunks + excluded.chunks, terms = s.terms + excluded.terms;
    INSERT INTO public.knowledge_term_stats AS s (tenant_id, term, chunks)
    SELECT c.tenant_id, u.lexeme, count(*)
      FROM new_chunks c, unnest(c.content_tsv) u GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (tenant_id, term) DO UPDATE SET chunks = s.chunks + excluded.chunks;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Backfill existing chunks (RLS is forced even on the owner: lifted for these statements only,
-- platform_secure_tables() below forces it again).
ALTER TABLE "knowledge_chunks" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
UPDATE "knowledge_chunks" c
   SET term_count = (SELECT coalesce(sum(cardinality(u.positions)), 0) FROM unnest(c.content_tsv) u);
--> statement-breakpoint
INSERT INTO "knowledge_corpus_stats" (tenant_id, chunks, terms)
SELECT tenant_id, count(*), sum(term_count) FROM "knowledge_chunks" GROUP BY tenant_id;
--> statement-breakpoint
INSERT INTO "knowledge_term_stats" (tenant_id, term, chunks)
SELECT c.tenant_id, u.lexeme, count(*) FROM "knowledge_chunks" c, unnest(c.content_tsv) u GROUP BY 1, 2;
--> statement-breakpoint
CREATE TRIGGER knowledge_chunk_term_count BEFORE INSERT OR UPDATE OF content ON "knowledge_chunks"
  FOR EACH ROW EXECUTE FUNCTION knowledge_chunk_term_count();
--> statement-breakpoint
CREATE TRIGGER knowledge_chunk_stats_insert AFTER INSERT ON "knowledge_chunks"
  REFERENCING NEW TABLE AS new_chunks FOR EACH STATEMENT EXECUTE FUNCTION knowledge_chunk_stats();
--> statement-breakpoint
CREATE TRIGGER knowledge_chunk_stats_update AFTER UPDATE ON "knowledge_chunks"
  REFERENCING OLD TABLE AS old_chunks NEW TABLE AS new_chunks
  FOR EACH STATEMENT EXECUTE FUNCTION knowledge_chunk_stats();
--> statement-breakpoint
CREATE TRIGGER knowledge_chunk_stats_delete AFTER DELETE ON "knowledge_chunks"
  REFERENCING OLD TABLE AS old_chunks FOR EACH STATEMENT EXECUTE FUNCTION knowledge_chunk_stats();
--> statement-breakpoint
SELECT platform_secure_tables();
