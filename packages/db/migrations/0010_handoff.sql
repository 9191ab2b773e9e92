CREATE TABLE "conversation_notes" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"author_id" uuid,
	"content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_notes_pkey" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "conversation_notes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "handoffs" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"widget_id" uuid,
	"reason" text DEFAULT 'visitor' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_by" uuid,
	"claimed_at" timestamp with time zone,
	"released_by" uuid,
	"released_at" timestamp with time zone,
	CONSTRAINT "handoffs_pkey" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "handoffs_reason_check" CHECK ("handoffs"."reason" in ('visitor', 'offer', 'team')),
	CONSTRAINT "handoffs_claim_pair_check" CHECK (("handoffs"."claimed_by" is null) = ("handoffs"."claimed_at" is null))
);
--> statement-breakpoint
ALTER TABLE "handoffs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "author_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "author_kind" text GENERATED ALWAYS AS (case when author_id is not null then 'person' when role = 'user' then 'visitor' else role end) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "conversation_notes" ADD CONSTRAINT "conversation_notes_session_tenant_fk" FOREIGN KEY ("session_id","tenant_id") REFERENCES "public"."sessions"("id","tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handoffs" ADD CONSTRAINT "handoffs_session_tenant_fk" FOREIGN KEY ("session_id","tenant_id") REFERENCES "public"."sessions"("id","tenant_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_note_session_idx" ON "conversation_notes" USING btree ("tenant_id","session_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "handoff_open_session_idx" ON "handoffs" USING btree ("tenant_id","session_id") WHERE "handoffs"."released_at" is null;--> statement-breakpoint
CREATE INDEX "handoff_tenant_requested_idx" ON "handoffs" USING btree ("tenant_id","requested_at");--> statement-breakpoint
CREATE POLICY "conversation_notes_select" ON "conversation_notes" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("conversation_notes"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "conversation_notes_insert" ON "conversation_notes" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("conversation_notes"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "conversation_notes_update" ON "conversation_notes" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("conversation_notes"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("conversation_notes"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "conversation_notes_delete" ON "conversation_notes" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("conversation_notes"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "conversation_notes_system" ON "conversation_notes" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "handoffs_select" ON "handoffs" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("handoffs"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "handoffs_insert" ON "handoffs" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("handoffs"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "handoffs_update" ON "handoffs" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("handoffs"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("handoffs"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "handoffs_delete" ON "handoffs" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("handoffs"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "handoffs_system" ON "handoffs" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written: FORCE RLS and the request roles' grants on the new tables, like every table.
SELECT platform_secure_tables();
