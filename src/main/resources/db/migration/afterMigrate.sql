-- Flyway runs this after every migrate (each start), as the owner. Whatever the runtime role
-- is called (spring.flyway.placeholders.runtime-role: PORTAL_DB_RUNTIME_ROLE, else the
-- datasource user), it may read and append to every audit table (audit_*, new ones included)
-- and never UPDATE, DELETE or TRUNCATE their rows, by privilege; the append-only triggers
-- stay as a second wall. Idempotent. A role that does not exist is skipped with a warning.
DO $$
DECLARE
  runtime_role TEXT := '${runtime-role}';
  audit_table REGCLASS;
  audit_sequence REGCLASS;
  inherited RECORD;
BEGIN
  FOR audit_table IN
    SELECT c.oid::regclass FROM pg_class c
    WHERE c.relnamespace = to_regnamespace(current_schema()) AND c.relkind IN ('r', 'p')
      AND c.relname LIKE 'audit\_%'
  LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM PUBLIC', audit_table);
  END LOOP;

  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = runtime_role) THEN
    RAISE WARNING 'The runtime role "%" does not exist, so no audit rights were narrowed for it: '
      'set PORTAL_DB_RUNTIME_ROLE to the role the portal runs as', runtime_role;
    RETURN;
  END IF;

  FOR audit_table IN
    SELECT c.oid::regclass FROM pg_class c
    WHERE c.relnamespace = to_regnamespace(current_schema()) AND c.relkind IN ('r', 'p')
      AND c.relname LIKE 'audit\_%'
  LOOP
    EXECUTE format('GRANT SELECT, INSERT ON %s TO %I', audit_table, runtime_role);
    -- rights also come through the roles it belongs to
    FOR inherited IN SELECT rolname FROM pg_roles WHERE pg_has_role(runtime_role, oid, 'USAGE') LOOP
      EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %s FROM %I', audit_table, inherited.rolname);
    END LOOP;
    IF has_table_privilege(runtime_role, audit_table, 'UPDATE, DELETE, TRUNCATE')
        OR pg_has_role(runtime_role, (SELECT relowner FROM pg_class WHERE oid = audit_table), 'USAGE')
        OR (SELECT rolsuper FROM pg_roles WHERE rolname = runtime_role) THEN
      RAISE WARNING 'The runtime role "%" can still change or remove rows of % (it owns the table, belongs '
        'to its owner, is a superuser or has pg_write_all_data). Run the portal as a role of its own '
        '(db/bootstrap.sql)', runtime_role, audit_table;
    END IF;
  END LOOP;

  FOR audit_sequence IN
    SELECT c.oid::regclass FROM pg_class c
    WHERE c.relnamespace = to_regnamespace(current_schema()) AND c.relkind = 'S'
      AND c.relname LIKE 'audit\_%'
  LOOP
    EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO %I', audit_sequence, runtime_role);
  END LOOP;
END
$$;
