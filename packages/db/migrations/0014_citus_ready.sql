-- Citus-ready (issue 14): policies without sub-selects, and the auth tables carry their tenant.
-- Edited after generation (drizzle-kit orders these wrongly / cannot backfill):
--  * users_id_tenant_unique moved first: the new foreign keys reference it.
--  * tenant_id is added nullable and made NOT NULL after the backfill at the end of the file.
ALTER TABLE "users" ADD CONSTRAINT "users_id_tenant_unique" UNIQUE("id","tenant_id");--> statement-breakpoint
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "auth_sessions" DROP CONSTRAINT "auth_sessions_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD COLUMN "tenant_id" uuid;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_tenant_fk" FOREIGN KEY ("user_id","tenant_id") REFERENCES "public"."users"("id","tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_tenant_fk" FOREIGN KEY ("user_id","tenant_id") REFERENCES "public"."users"("id","tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER POLICY "invitations_select" ON "invitations" TO platform_app USING ("invitations"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "invitations_insert" ON "invitations" TO platform_app WITH CHECK ("invitations"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "invitations_update" ON "invitations" TO platform_app USING ("invitations"."tenant_id" = get_current_tenant_id()) WITH CHECK ("invitations"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "invitations_delete" ON "invitations" TO platform_app USING ("invitations"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "tenants_select" ON "tenants" TO platform_app USING ("tenants"."id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "tenants_insert" ON "tenants" TO platform_app WITH CHECK ("tenants"."id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "tenants_update" ON "tenants" TO platform_app USING ("tenants"."id" = get_current_tenant_id()) WITH CHECK ("tenants"."id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "tenants_delete" ON "tenants" TO platform_app USING ("tenants"."id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "users_select" ON "users" TO platform_app USING ("users"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "users_insert" ON "users" TO platform_app WITH CHECK ("users"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "users_update" ON "users" TO platform_app USING ("users"."tenant_id" = get_current_tenant_id()) WITH CHECK ("users"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "users_delete" ON "users" TO platform_app USING ("users"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "accounts_select" ON "accounts" TO platform_app USING ("accounts"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "accounts_insert" ON "accounts" TO platform_app WITH CHECK ("accounts"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "accounts_update" ON "accounts" TO platform_app USING ("accounts"."tenant_id" = get_current_tenant_id()) WITH CHECK ("accounts"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "accounts_delete" ON "accounts" TO platform_app USING ("accounts"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "auth_sessions_select" ON "auth_sessions" TO platform_app USING ("auth_sessions"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "auth_sessions_insert" ON "auth_sessions" TO platform_app WITH CHECK ("auth_sessions"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "auth_sessions_update" ON "auth_sessions" TO platform_app USING ("auth_sessions"."tenant_id" = get_current_tenant_id()) WITH CHECK ("auth_sessions"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "auth_sessions_delete" ON "auth_sessions" TO platform_app USING ("auth_sessions"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "widgets_select" ON "widgets" TO platform_app USING ("widgets"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "widgets_insert" ON "widgets" TO platform_app WITH CHECK ("widgets"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "widgets_update" ON "widgets" TO platform_app USING ("widgets"."tenant_id" = get_current_tenant_id()) WITH CHECK ("widgets"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "widgets_delete" ON "widgets" TO platform_app USING ("widgets"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "meetings_select" ON "meetings" TO platform_app USING ("meetings"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "meetings_insert" ON "meetings" TO platform_app WITH CHECK ("meetings"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "meetings_update" ON "meetings" TO platform_app USING ("meetings"."tenant_id" = get_current_tenant_id()) WITH CHECK ("meetings"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "meetings_delete" ON "meetings" TO platform_app USING ("meetings"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "messages_select" ON "messages" TO platform_app USING ("messages"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "messages_insert" ON "messages" TO platform_app WITH CHECK ("messages"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "messages_update" ON "messages" TO platform_app USING ("messages"."tenant_id" = get_current_tenant_id()) WITH CHECK ("messages"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "messages_delete" ON "messages" TO platform_app USING ("messages"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "sessions_select" ON "sessions" TO platform_app USING ("sessions"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "sessions_insert" ON "sessions" TO platform_app WITH CHECK ("sessions"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "sessions_update" ON "sessions" TO platform_app USING ("sessions"."tenant_id" = get_current_tenant_id()) WITH CHECK ("sessions"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "sessions_delete" ON "sessions" TO platform_app USING ("sessions"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_chunks_select" ON "knowledge_chunks" TO platform_app USING ("knowledge_chunks"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_chunks_insert" ON "knowledge_chunks" TO platform_app WITH CHECK ("knowledge_chunks"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_chunks_update" ON "knowledge_chunks" TO platform_app USING ("knowledge_chunks"."tenant_id" = get_current_tenant_id()) WITH CHECK ("knowledge_chunks"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_chunks_delete" ON "knowledge_chunks" TO platform_app USING ("knowledge_chunks"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_documents_select" ON "knowledge_documents" TO platform_app USING ("knowledge_documents"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_documents_insert" ON "knowledge_documents" TO platform_app WITH CHECK ("knowledge_documents"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_documents_update" ON "knowledge_documents" TO platform_app USING ("knowledge_documents"."tenant_id" = get_current_tenant_id()) WITH CHECK ("knowledge_documents"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "knowledge_documents_delete" ON "knowledge_documents" TO platform_app USING ("knowledge_documents"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "budget_alerts_select" ON "budget_alerts" TO platform_app USING ("budget_alerts"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "budget_alerts_insert" ON "budget_alerts" TO platform_app WITH CHECK ("budget_alerts"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "budget_alerts_update" ON "budget_alerts" TO platform_app USING ("budget_alerts"."tenant_id" = get_current_tenant_id()) WITH CHECK ("budget_alerts"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "budget_alerts_delete" ON "budget_alerts" TO platform_app USING ("budget_alerts"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "budget_reservations_select" ON "budget_reservations" TO platform_app USING ("budget_reservations"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "budget_reservations_insert" ON "budget_reservations" TO platform_app WITH CHECK ("budget_reservations"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "budget_reservations_update" ON "budget_reservations" TO platform_app USING ("budget_reservations"."tenant_id" = get_current_tenant_id()) WITH CHECK ("budget_reservations"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "budget_reservations_delete" ON "budget_reservations" TO platform_app USING ("budget_reservations"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "cost_events_select" ON "cost_events" TO platform_app USING ("cost_events"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "cost_events_insert" ON "cost_events" TO platform_app WITH CHECK ("cost_events"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "cost_events_update" ON "cost_events" TO platform_app USING ("cost_events"."tenant_id" = get_current_tenant_id()) WITH CHECK ("cost_events"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "cost_events_delete" ON "cost_events" TO platform_app USING ("cost_events"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "cost_summaries_select" ON "cost_summaries" TO platform_app USING ("cost_summaries"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "cost_summaries_insert" ON "cost_summaries" TO platform_app WITH CHECK ("cost_summaries"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "cost_summaries_update" ON "cost_summaries" TO platform_app USING ("cost_summaries"."tenant_id" = get_current_tenant_id()) WITH CHECK ("cost_summaries"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "cost_summaries_delete" ON "cost_summaries" TO platform_app USING ("cost_summaries"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "ai_personalities_select" ON "ai_personalities" TO platform_app USING ("ai_personalities"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "ai_personalities_insert" ON "ai_personalities" TO platform_app WITH CHECK ("ai_personalities"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "ai_personalities_update" ON "ai_personalities" TO platform_app USING ("ai_personalities"."tenant_id" = get_current_tenant_id()) WITH CHECK ("ai_personalities"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
ALTER POLICY "ai_personalities_delete" ON "ai_personalities" TO platform_app USING ("ai_personalities"."tenant_id" = get_current_tenant_id());--> statement-breakpoint
-- hand-written: existing rows take their user's tenant, then the column is required. FORCEd RLS
-- binds a non-superuser owner too, so it is lifted for the backfill and restored right after.
ALTER TABLE "users" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "accounts" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "auth_sessions" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE "accounts" a SET "tenant_id" = u."tenant_id" FROM "users" u WHERE u."id" = a."user_id" AND a."tenant_id" IS NULL;--> statement-breakpoint
UPDATE "auth_sessions" s SET "tenant_id" = u."tenant_id" FROM "users" u WHERE u."id" = s."user_id" AND s."tenant_id" IS NULL;--> statement-breakpoint
ALTER TABLE "accounts" ALTER COLUMN "tenant_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "auth_sessions" ALTER COLUMN "tenant_id" SET NOT NULL;--> statement-breakpoint
SELECT platform_secure_tables();
