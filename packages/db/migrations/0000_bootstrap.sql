-- Extension, roles and the tenant function every policy uses. Runs before the schema.
CREATE EXTENSION IF NOT EXISTS vector;
--> statement-breakpoint
-- Requests run as platform_app; the explicit cross-tenant path as platform_system. Neither can log in,
-- owns a table or has BYPASSRLS: the connecting user switches to them inside each transaction.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'platform_app') THEN
    CREATE ROLE platform_app NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'platform_system') THEN
    CREATE ROLE platform_system NOLOGIN NOBYPASSRLS;
  END IF;
  -- The migrating user must be able to SET ROLE to both (a no-op for superusers).
  EXECUTE format('GRANT platform_app, platform_system TO %I', current_user);
  -- Production: a dedicated login role (created by the operator, see docker/postgres-init.sql)
  -- gets membership without inheriting privileges.
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'platform_login') THEN
    GRANT platform_app, platform_system TO platform_login;
  END IF;
END
$$;
--> statement-breakpoint
-- The seed's version mapped "no tenant" to the zero UUID; NULL matches no row and fails every
-- WITH CHECK, so a forgotten context can never meet a row that happens to carry the zero id.
CREATE OR REPLACE FUNCTION get_current_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.current_tenant_id', true), '')::uuid $$;
