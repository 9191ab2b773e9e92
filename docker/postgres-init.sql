-- Runs once when the Postgres container first starts. The app logs in as platform_login, which
-- owns nothing and inherits nothing: every transaction switches to platform_app or
-- platform_system (granted by migration 0000), so no request ever runs as a superuser.
CREATE ROLE platform_login LOGIN NOINHERIT PASSWORD 'platform_login';
CREATE EXTENSION IF NOT EXISTS vector;
