#!/usr/bin/env bash
# Run by the postgres image on first start (docker-compose.yml mounts this folder as
# /docker-entrypoint-initdb.d and db/bootstrap.sql as /portal-db/bootstrap.sql).
set -euo pipefail
: "${PORTAL_OWNER_PASSWORD:?set PORTAL_OWNER_PASSWORD}"
: "${PORTAL_APP_PASSWORD:?set PORTAL_APP_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v db_name="${PORTAL_DB_NAME:-portal}" \
  -v owner_role="${PORTAL_DB_OWNER_ROLE:-portal_owner}" \
  -v runtime_role="${PORTAL_DB_RUNTIME_ROLE:-portal_app}" \
  -v owner_password="$PORTAL_OWNER_PASSWORD" \
  -v app_password="$PORTAL_APP_PASSWORD" \
  -f /portal-db/bootstrap.sql
