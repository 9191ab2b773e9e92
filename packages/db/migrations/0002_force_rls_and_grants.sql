-- Row-level security is ENABLEd and FORCEd on every table in the schema, and the two request roles
-- get plain DML rights. Policies (migration 0001, declared in src/schema) decide what they see.
-- FORCE binds the table owner too; only superusers and BYPASSRLS roles escape it, and requests
-- never run as either. Later migrations that add tables end with `SELECT platform_secure_tables();`.
CREATE OR REPLACE FUNCTION platform_secure_tables() RETURNS void
  LANGUAGE plpgsql
  AS $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'r'
  LOOP
    EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t.relname);
  END LOOP;
  GRANT USAGE ON SCHEMA public TO platform_app, platform_system;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO platform_app, platform_system;
  GRANT EXECUTE ON FUNCTION get_current_tenant_id() TO platform_app, platform_system;
END
$$;
--> statement-breakpoint
SELECT platform_secure_tables();
