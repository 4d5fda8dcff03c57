-- Token Portal: database bootstrap, run once by an operator (or docker-compose) as a
-- PostgreSQL superuser on a fresh server:
--
--   psql -v ON_ERROR_STOP=1 -v db_name=portal \
--        -v owner_role=portal_owner -v runtime_role=portal_app \
--        -v owner_password="$PORTAL_OWNER_PASSWORD" -v app_password="$PORTAL_APP_PASSWORD" \
--        -f db/bootstrap.sql
--
-- Two roles, named as you like (owner_role and runtime_role; portal_owner and portal_app
-- when not given):
--   owner_role    owns the schema; Flyway migrations run as this role (SPRING_FLYWAY_USER)
--   runtime_role  the running portal (SPRING_DATASOURCE_USERNAME): reads and writes rows,
--                 never changes the schema. Migrations narrow it further where a table must
--                 be append-only (the audit tables): they take its name from
--                 PORTAL_DB_RUNTIME_ROLE, or from SPRING_DATASOURCE_USERNAME when unset.

\set ON_ERROR_STOP on
\if :{?owner_role}
\else
\set owner_role portal_owner
\endif
\if :{?runtime_role}
\else
\set runtime_role portal_app
\endif

CREATE ROLE :"owner_role" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"runtime_role" LOGIN PASSWORD :'app_password';

CREATE DATABASE :"db_name" OWNER :"owner_role";
REVOKE ALL ON DATABASE :"db_name" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db_name" TO :"runtime_role";

\connect :"db_name"

-- Nobody but the owner creates objects; the portal's tables live in their own schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA portal AUTHORIZATION :"owner_role";
GRANT USAGE ON SCHEMA portal TO :"runtime_role";
ALTER ROLE :"owner_role" IN DATABASE :"db_name" SET search_path = portal;
ALTER ROLE :"runtime_role" IN DATABASE :"db_name" SET search_path = portal;

-- Every table and sequence the migrations create is usable, row by row, by the runtime role;
-- after every migration, Flyway's afterMigrate callback takes UPDATE, DELETE and TRUNCATE on
-- the audit tables away from it again (db/migration/afterMigrate.sql).
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA portal
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"runtime_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA portal
  GRANT USAGE, SELECT ON SEQUENCES TO :"runtime_role";
