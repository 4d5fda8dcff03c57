-- Token Portal: database bootstrap, run once by an operator (or docker-compose) as a
-- PostgreSQL superuser on a fresh server:
--
--   psql -v ON_ERROR_STOP=1 -v db_name=portal \
--        -v owner_password="$PORTAL_OWNER_PASSWORD" -v app_password="$PORTAL_APP_PASSWORD" \
--        -f db/bootstrap.sql
--
-- Two roles:
--   portal_owner  owns the schema; Flyway migrations run as this role (SPRING_FLYWAY_USER)
--   portal_app    the running portal (SPRING_DATASOURCE_USERNAME): reads and writes rows,
--                 never changes the schema. Migrations narrow it further where a table must
--                 be append-only (the audit trail).

\set ON_ERROR_STOP on

CREATE ROLE portal_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE portal_app LOGIN PASSWORD :'app_password';

CREATE DATABASE :"db_name" OWNER portal_owner;
REVOKE ALL ON DATABASE :"db_name" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db_name" TO portal_app;

\connect :"db_name"

-- Nobody but the owner creates objects; the portal's tables live in their own schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA portal AUTHORIZATION portal_owner;
GRANT USAGE ON SCHEMA portal TO portal_app;
ALTER ROLE portal_owner IN DATABASE :"db_name" SET search_path = portal;
ALTER ROLE portal_app IN DATABASE :"db_name" SET search_path = portal;

-- Every table and sequence the migrations create is usable, row by row, by the runtime role.
ALTER DEFAULT PRIVILEGES FOR ROLE portal_owner IN SCHEMA portal
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO portal_app;
ALTER DEFAULT PRIVILEGES FOR ROLE portal_owner IN SCHEMA portal
  GRANT USAGE, SELECT ON SEQUENCES TO portal_app;
