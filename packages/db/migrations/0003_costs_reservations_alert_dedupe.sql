CREATE TABLE "budget_reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"amount_micro_usd" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "budget_reservations_amount_check" CHECK ("budget_reservations"."amount_micro_usd" >= 0)
);
--> statement-breakpoint
ALTER TABLE "budget_reservations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "budget_reservations" ADD CONSTRAINT "budget_reservations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_reservation_tenant_expires_idx" ON "budget_reservations" USING btree ("tenant_id","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_alert_dedupe_idx" ON "budget_alerts" USING btree ("tenant_id","period","severity","threshold",("metadata" ->> 'periodStart'));--> statement-breakpoint
CREATE POLICY "budget_reservations_select" ON "budget_reservations" AS PERMISSIVE FOR SELECT TO "platform_app" USING ("budget_reservations"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "budget_reservations_insert" ON "budget_reservations" AS PERMISSIVE FOR INSERT TO "platform_app" WITH CHECK ("budget_reservations"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "budget_reservations_update" ON "budget_reservations" AS PERMISSIVE FOR UPDATE TO "platform_app" USING ("budget_reservations"."tenant_id" = (select get_current_tenant_id())) WITH CHECK ("budget_reservations"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "budget_reservations_delete" ON "budget_reservations" AS PERMISSIVE FOR DELETE TO "platform_app" USING ("budget_reservations"."tenant_id" = (select get_current_tenant_id()));--> statement-breakpoint
CREATE POLICY "budget_reservations_system" ON "budget_reservations" AS PERMISSIVE FOR ALL TO "platform_system" USING (true) WITH CHECK (true);