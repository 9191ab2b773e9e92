/**
 * The role the apps log in as, everywhere: production (docker/postgres-init.sql), the embedded
 * server and the tests. It is no superuser, bypasses no policy, owns nothing and inherits nothing:
 * it can only SET ROLE to platform_app or platform_system, which every transaction does first.
 */
export const LOGIN_ROLE = 'platform_login';

/**
 * Creates LOGIN_ROLE if missing, corrects its attributes, and grants it the two request roles.
 * Idempotent and safe to run concurrently (roles are cluster-wide; parallel test runs share them).
 * Run as a superuser after the migrations (which create platform_app and platform_system).
 */
export const ensureLoginRoleSql = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${LOGIN_ROLE}') THEN
    BEGIN
      CREATE ROLE ${LOGIN_ROLE} LOGIN NOINHERIT;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${LOGIN_ROLE}' AND (rolsuper OR rolbypassrls
      OR rolinherit OR rolcreaterole OR rolcreatedb OR NOT rolcanlogin)) THEN
    ALTER ROLE ${LOGIN_ROLE} LOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB;
  END IF;
  IF NOT pg_has_role('${LOGIN_ROLE}', 'platform_app', 'MEMBER')
      OR NOT pg_has_role('${LOGIN_ROLE}', 'platform_system', 'MEMBER') THEN
    GRANT platform_app, platform_system TO ${LOGIN_ROLE};
  END IF;
END
$$;`;

/** The same server and database as `url`, logged in as LOGIN_ROLE (trust or peer auth). */
export function loginUrl(url: string, role: string = LOGIN_ROLE): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = '';
  return parsed.toString();
}
