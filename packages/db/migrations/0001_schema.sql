CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "invitations_role_check" CHECK ("invitations"."role" in ('owner', 'admin', 'member'))
);
--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"api_key" text NOT NULL,
	"plan" text DEFAULT 'starter' NOT NULL,
	"settings" jsonb,
	"stripe_customer_id" text,
	"stripe_subscription_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_api_key_unique" UNIQUE("api_key"),
	CONSTRAINT "tenants_stripe_customer_id_unique" UNIQUE("stripe_customer_id"),
	CONSTRAINT "tenants_plan_check" CHECK ("tenants"."plan" in ('starter', 'growth', 'business', 'enterprise'))
);
--> statement-breakpoint
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"role" text DEFAULT 'member' NOT NULL,
	"name" text,
	"avatar_url" text,
	"email_verified" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('owner', 'admin', 'member'))
);
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"refresh_token" text,
	"access_token" text,
	"expires_at" integer,
	"token_type" text,
	"scope" text,
	"id_token" text,
	"session_state" text,
	CONSTRAINT "accounts_provider_account_unique" UNIQUE("provider","provider_account_id")
);
--> statement-breakpoint
ALTER TABLE "accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_token" text NOT NULL,
	"user_id" uuid NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "auth_sessions_session_token_unique" UNIQUE("session_token")
);
--> statement-breakpoint
ALTER TABLE "auth_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "verification_tokens" (
	"identifier" text NOT NULL,
	"token" text NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	CONSTRAINT "verification_tokens_token_unique" UNIQUE("token")
);
--> statement-breakpoint
ALTER TABLE "verification_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "widgets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"domain_whitelist" jsonb NOT NULL,
	"settings" jsonb,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "widgets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"room_name" text NOT NULL,
	"livekit_room_id" text NOT NULL,
	"created_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"metadata" jsonb,
	CONSTRAINT "meetings_room_name_unique" UNIQUE("room_name"),
	CONSTRAINT "meetings_livekit_room_id_unique" UNIQUE("livekit_room_id")
);
--> statement-breakpoint
ALTER TABLE "meetings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"role" text NOT NULL,
	"content" text NOT NULL,
	"attachments" jsonb,
	"metadata" jsonb,
	"timestamp" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_role_check" CHECK ("messages"."role" in ('user', 'assistant', 'system'))
);
--> statement-breakpoint
ALTER TABLE "messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"widget_id" uuid,
	"meeting_id" uuid,
	"mode" text DEFAULT 'text' NOT NULL,
	"cost_usd" numeric(10, 4) DEFAULT '0',
	"metadata" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "sessions_id_tenant_unique" UNIQUE("id","tenant_id"),
	CONSTRAINT "sessions_mode_check" CHECK ("sessions"."mode" in ('text', 'meeting'))
);
--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "knowledge_chunks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"content" text NOT NULL,
	"embedding" vector(1024) NOT NULL,
	"position" integer NOT NULL,
	"metadata" jsonb
);
--> statement-breakpoint
ALTER TABLE "knowledge_chunks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "knowledge_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"category" text,
	"embedding" vector(1024),
	"metadata" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_documents_id_tenant_unique" UNIQUE("id","tenant_id")
);
--> statement-breakpoint
ALTER TABLE "knowledge_documents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "budget_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"threshold" numeric(10, 2) NOT NULL,
	"current_spend" numeric(10, 4) NOT NULL,
	"period" text DEFAULT 'monthly' NOT NULL,
	"severity" text DEFAULT 'warning' NOT NULL,
	"notifications_sent" integer DEFAULT 0 NOT NULL,
	"triggered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved" boolean DEFAULT false NOT NULL,
	"resolved_at" timestamp with time zone,
	"metadata" jsonb,
	CONSTRAINT "budget_alerts_period_check" CHECK ("budget_alerts"."period" in ('daily', 'weekly', 'monthly')),
	CONSTRAINT "budget_alerts_severity_check" CHECK ("budget_alerts"."severity" in ('warning', 'critical'))
);
--> statement-breakpoint
ALTER TABLE "budget_alerts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "cost_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid,
	"service" text NOT NULL,
	"provider" text,
	"tokens_used" integer,
	"cost_usd" numeric(10, 6) NOT NULL,
	"metadata" jsonb,
	"timestamp" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cost_events_service_check" CHECK ("cost_events"."service" in ('vision', 'voice_stt', 'voice_tts', 'llm', 'embedding', 'livekit'))
);
--> statement-breakpoint
ALTER TABLE "cost_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "cost_summaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"total_cost_usd" numeric(10, 4) NOT NULL,
	"breakdown" jsonb NOT NULL,
	"event_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cost_summaries_period_unique" UNIQUE("tenant_id","period_start","period_end")
);
--> statement-breakpoint
ALTER TABLE "cost_summaries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "ai_personalities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"system_prompt" text NOT NULL,
	"temperature" numeric(3, 2) DEFAULT '0.7' NOT NULL,
	"max_tokens" integer DEFAULT 2000,
	"top_p" numeric(3, 2) DEFAULT '1.0',
	"frequency_penalty" numeric(3, 2) DEFAULT '0.0',
	"presence_penalty" numeric(3, 2) DEFAULT '0.0',
	"preferred_model" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"metadata" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ai_personalities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "processed_webhooks" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "processed_webhooks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "rate_limit_counters" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limit_counters_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
ALTER TABLE "rate_limit_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "widgets" ADD CONSTRAINT "widgets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_session_tenant_fk" FOREIGN KEY ("session_id","tenant_id") REFERENCES "public"."sessions"("id","tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_widget_id_widgets_id_fk" FOREIGN KEY ("widget_id") REFERENCES "public"."widgets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_chunks" ADD CONSTRAINT "knowledge_chunks_document_tenant_fk" FOREIGN KEY ("document_id","tenant_id") REFERENCES "public"."knowledge_documents"("id","tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_documents" ADD CONSTRAINT "knowledge_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_alerts" ADD CONSTRAINT "budget_alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_events" ADD CONSTRAINT "cost_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_events" ADD CONSTRAINT "cost_events_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_summaries" ADD CONSTRAINT "cost_summaries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_personalities" ADD CONSTRAINT "ai_personalities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitation_tenant_idx" ON "invitations" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "tenant_api_key_idx" ON "tenants" USING btree ("api_key");--> statement-breakpoint
CREATE INDEX "user_email_idx" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "user_tenant_idx" ON "users" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "account_user_idx" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "auth_session_user_idx" ON "auth_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "widget_tenant_idx" ON "widgets" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "meeting_tenant_idx" ON "meetings" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "message_session_idx" ON "messages" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "message_timestamp_idx" ON "messages" USING btree ("timestamp");--> statement-breakpoint
CREATE INDEX "message_tenant_idx" ON "messages" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "session_tenant_idx" ON "sessions" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "session_widget_idx" ON "sessions" USING btree ("widget_id");--> statement-breakpoint
CREATE INDEX "session_meeting_idx" ON "sessions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "session_created_at_idx" ON "sessions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "knowledge_chunk_embedding_idx" ON "knowledge_chunks" USING hnsw ("embedding" vector_cosine_ops) WITH (m=16,ef_construction=64);--> statement-breakpoint
CREATE INDEX "knowledge_chunk_fts_idx" ON "knowledge_chunks" USING gin (to_tsvector('english', "content"));--> statement-breakpoint
CREATE INDEX "knowledge_chunk_document_idx" ON "knowledge_chunks" USING btree ("document_id","position");--> statement-breakpoint
CREATE INDEX "knowledge_chunk_tenant_idx" ON "knowledge_chunks" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "knowledge_embedding_idx" ON "knowledge_documents" USING hnsw ("embedding" vector_cosine_ops) WITH (m=16,ef_construction=64);--> statement-breakpoint
CREATE INDEX "knowledge_tenant_idx" ON "knowledge_documents" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "knowledge_category_idx" ON "knowledge_documents" USING btree ("category");--> statement-breakpoint
CREATE INDEX "budget_alert_tenant_idx" ON "budget_alerts" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "budget_alert_active_idx" ON "budget_alerts" USING btree ("tenant_id","resolved");--> statement-breakpoint
CREATE INDEX "budget_alert_triggered_idx" ON "budget_alerts" USING btree ("triggered_at");--> statement-breakpoint
CREATE INDEX "cost_tenant_timestamp_idx" ON "cost_events" USING btree ("tenant_id","timestamp");--> statement-breakpoint
CREATE INDEX "cost_session_idx" ON "cost_events" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "cost_summary_tenant_period_idx" ON "cost_summaries" USING btree ("tenant_id","period_start","period_end");--> statement-breakpoint
CREATE INDEX "ai_personality_tenant_idx" ON "ai_personalities" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "ai_personality_default_idx" ON "ai_personalities" USING btree ("tenant_id","is_default","is_active");--> statement-breakpoint
CREATE UNIQUE INDEX "ai_personality_one_default_idx" ON "ai_personalities" USING btree ("tenant_id") WHERE "ai_personalities"."is_default";--> statement-breakpoint
CREATE POLICY "invitations_select" ON "invitations" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("invitations"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "invitations_insert" ON "invitations" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("invitations"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "invitations_update" ON "invitations" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("invitations"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("invitations"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "invitations_delete" ON "invitations" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("invitations"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "invitations_system" ON "invitations" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenants_select" ON "tenants" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("tenants"."id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "tenants_insert" ON "tenants" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("tenants"."id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "tenants_update" ON "tenants" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("tenants"."id" = (select get_current_tenant_id())) WITH CHECK ("tenants"."id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "tenants_delete" ON "tenants" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("tenants"."id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "tenants_system" ON "tenants" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "users_select" ON "users" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("users"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "users_insert" ON "users" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("users"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "users_update" ON "users" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("users"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("users"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "users_delete" ON "users" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("users"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "users_system" ON "users" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "accounts_select" ON "accounts" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("user_id" in (select id from users where tenant_id = (select get_current_tenant_id())));--> statement-breakpoint
CREATE POLICY "accounts_insert" ON "accounts" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("user_id" in (select id from users where tenant_id = (select get_current_tenant_id())));--> statement-breakpoint
CREATE POLICY "accounts_update" ON "accounts" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("user_id" in (select id from users where tenant_id = (select get_current_tenant_id()))) WITH CHECK ("user_id" in (select id from users where tenant_id = (select get_current_tenant_id())));--> statement-breakpoint
CREATE POLICY "accounts_delete" ON "accounts" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("user_id" in (select id from users where tenant_id = (select get_current_tenant_id())));--> statement-breakpoint
CREATE POLICY "accounts_system" ON "accounts" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "auth_sessions_select" ON "auth_sessions" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("user_id" in (select id from users where tenant_id = (select get_current_tenant_id())));--> statement-breakpoint
CREATE POLICY "auth_sessions_insert" ON "auth_sessions" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("user_id" in (select id from users where tenant_id = (select get_current_tenant_id())));--> statement-breakpoint
CREATE POLICY "auth_sessions_update" ON "auth_sessions" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("user_id" in (select id from users where tenant_id = (select get_current_tenant_id()))) WITH CHECK ("user_id" in (select id from users where tenant_id = (select get_current_tenant_id())));--> statement-breakpoint
CREATE POLICY "auth_sessions_delete" ON "auth_sessions" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("user_id" in (select id from users where tenant_id = (select get_current_tenant_id())));--> statement-breakpoint
CREATE POLICY "auth_sessions_system" ON "auth_sessions" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "verification_tokens_system" ON "verification_tokens" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "widgets_select" ON "widgets" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("widgets"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "widgets_insert" ON "widgets" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("widgets"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "widgets_update" ON "widgets" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("widgets"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("widgets"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "widgets_delete" ON "widgets" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("widgets"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "widgets_system" ON "widgets" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "meetings_select" ON "meetings" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("meetings"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "meetings_insert" ON "meetings" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("meetings"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "meetings_update" ON "meetings" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("meetings"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("meetings"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "meetings_delete" ON "meetings" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("meetings"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "meetings_system" ON "meetings" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "messages_select" ON "messages" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("messages"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "messages_insert" ON "messages" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("messages"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "messages_update" ON "messages" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("messages"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("messages"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "messages_delete" ON "messages" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("messages"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "messages_system" ON "messages" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "sessions_select" ON "sessions" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("sessions"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "sessions_insert" ON "sessions" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("sessions"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "sessions_update" ON "sessions" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("sessions"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("sessions"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "sessions_delete" ON "sessions" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("sessions"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "sessions_system" ON "sessions" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "knowledge_chunks_select" ON "knowledge_chunks" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("knowledge_chunks"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_chunks_insert" ON "knowledge_chunks" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("knowledge_chunks"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_chunks_update" ON "knowledge_chunks" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("knowledge_chunks"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("knowledge_chunks"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_chunks_delete" ON "knowledge_chunks" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("knowledge_chunks"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_chunks_system" ON "knowledge_chunks" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "knowledge_documents_select" ON "knowledge_documents" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("knowledge_documents"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_documents_insert" ON "knowledge_documents" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("knowledge_documents"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_documents_update" ON "knowledge_documents" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("knowledge_documents"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("knowledge_documents"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_documents_delete" ON "knowledge_documents" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("knowledge_documents"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "knowledge_documents_system" ON "knowledge_documents" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "budget_alerts_select" ON "budget_alerts" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("budget_alerts"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "budget_alerts_insert" ON "budget_alerts" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("budget_alerts"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "budget_alerts_update" ON "budget_alerts" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("budget_alerts"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("budget_alerts"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "budget_alerts_delete" ON "budget_alerts" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("budget_alerts"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "budget_alerts_system" ON "budget_alerts" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "cost_events_select" ON "cost_events" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("cost_events"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "cost_events_insert" ON "cost_events" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("cost_events"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "cost_events_update" ON "cost_events" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("cost_events"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("cost_events"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "cost_events_delete" ON "cost_events" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("cost_events"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "cost_events_system" ON "cost_events" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "cost_summaries_select" ON "cost_summaries" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("cost_summaries"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "cost_summaries_insert" ON "cost_summaries" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("cost_summaries"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "cost_summaries_update" ON "cost_summaries" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("cost_summaries"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("cost_summaries"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "cost_summaries_delete" ON "cost_summaries" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("cost_summaries"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "cost_summaries_system" ON "cost_summaries" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "ai_personalities_select" ON "ai_personalities" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("ai_personalities"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "ai_personalities_insert" ON "ai_personalities" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("ai_personalities"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "ai_personalities_update" ON "ai_personalities" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("ai_personalities"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("ai_personalities"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "ai_personalities_delete" ON "ai_personalities" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("ai_personalities"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "ai_personalities_system" ON "ai_personalities" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "processed_webhooks_system" ON "processed_webhooks" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "rate_limit_counters_system" ON "rate_limit_counters" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);