CREATE TABLE "knowledge_postings" (
	"tenant_id" uuid NOT NULL,
	"term" text NOT NULL,
	"segment" integer NOT NULL,
	"chunk_ids" uuid[] NOT NULL,
	"frequencies" smallint[] NOT NULL,
	"lengths" integer[] NOT NULL,
	CONSTRAINT "knowledge_postings_pk" PRIMARY KEY("tenant_id","term","segment")
);
--> statement-breakpoint
ALTER TABLE "knowledge_postings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "knowledge_postings" ADD CONSTRAINT "knowledge_postings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "knowledge_postings_select" ON "knowledge_postings" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("knowledge_postings"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
CREATE POLICY "knowledge_postings_insert" ON "knowledge_postings" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("knowledge_postings"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
CREATE POLICY "knowledge_postings_update" ON "knowledge_postings" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("knowledge_postings"."tenant_id" = get_current_tenant_id()) WITH CHECK ("knowledge_postings"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
CREATE POLICY "knowledge_postings_delete" ON "knowledge_postings" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("knowledge_postings"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
CREATE POLICY "knowledge_postings_system" ON "knowledge_postings" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written: postings of the chunks already stored (same segments as recountChunkStatistics
-- builds: per tenant and term, 1000 postings a segment in chunk id order). RLS is forced even on
-- the owner: lifted for this statement only, platform_secure_tables() below forces it again.
ALTER TABLE "knowledge_chunks" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
INSERT INTO "knowledge_postings" (tenant_id, term, segment, chunk_ids, frequencies, lengths)
SELECT tenant_id, term, (n - 1) / 1000,
       array_agg(id ORDER BY n), array_agg(frequency ORDER BY n), array_agg(length ORDER BY n)
  FROM (SELECT c.tenant_id, u.lexeme AS term, c.id, cardinality(u.positions)::smallint AS frequency,
               c.term_count AS length,
               row_number() OVER (PARTITION BY c.tenant_id, u.lexeme ORDER BY c.id) AS n
          FROM "knowledge_chunks" c, unnest(c.content_tsv) u) p
 GROUP BY 1, 2, 3;
--> statement-breakpoint
SELECT platform_secure_tables();
