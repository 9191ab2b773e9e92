-- Policies of the tables added beside Citus-readiness (BM25 statistics, handoffs, notes) in the
-- form 0014 gave every other table: a direct compare, no sub-select (Citus routes on it).
ALTER POLICY "knowledge_corpus_stats_select" ON "knowledge_corpus_stats" TO platform_app USING ("knowledge_corpus_stats"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_corpus_stats_insert" ON "knowledge_corpus_stats" TO platform_app WITH CHECK ("knowledge_corpus_stats"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_corpus_stats_update" ON "knowledge_corpus_stats" TO platform_app USING ("knowledge_corpus_stats"."tenant_id" = get_current_tenant_id()) WITH CHECK ("knowledge_corpus_stats"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_corpus_stats_delete" ON "knowledge_corpus_stats" TO platform_app USING ("knowledge_corpus_stats"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_term_stats_select" ON "knowledge_term_stats" TO platform_app USING ("knowledge_term_stats"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_term_stats_insert" ON "knowledge_term_stats" TO platform_app WITH CHECK ("knowledge_term_stats"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_term_stats_update" ON "knowledge_term_stats" TO platform_app USING ("knowledge_term_stats"."tenant_id" = get_current_tenant_id()) WITH CHECK ("knowledge_term_stats"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_term_stats_delete" ON "knowledge_term_stats" TO platform_app USING ("knowledge_term_stats"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "conversation_notes_select" ON "conversation_notes" TO platform_app USING ("conversation_notes"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "conversation_notes_insert" ON "conversation_notes" TO platform_app WITH CHECK ("conversation_notes"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "conversation_notes_update" ON "conversation_notes" TO platform_app USING ("conversation_notes"."tenant_id" = get_current_tenant_id()) WITH CHECK ("conversation_notes"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "conversation_notes_delete" ON "conversation_notes" TO platform_app USING ("conversation_notes"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "handoffs_select" ON "handoffs" TO platform_app USING ("handoffs"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "handoffs_insert" ON "handoffs" TO platform_app WITH CHECK ("handoffs"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "handoffs_update" ON "handoffs" TO platform_app USING ("handoffs"."tenant_id" = get_current_tenant_id()) WITH CHECK ("handoffs"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "handoffs_delete" ON "handoffs" TO platform_app USING ("handoffs"."tenant_id" = get_current_tenant_id());
