-- The audit trail: append-only and hash-chained. Each event stores the previous event's
-- hash and its own hash over a canonical form of its fields, so that any change, deletion,
-- reordering or truncation is detected by walking the chain. seq is assigned under a
-- transaction-scoped advisory lock, so it has no gaps and the chain never forks.
CREATE TABLE audit_event (
  seq               BIGINT PRIMARY KEY,
  event_id          UUID NOT NULL UNIQUE,
  occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  actor_id          BIGINT,
  actor_username    VARCHAR(255) NOT NULL,
  client_ip         VARCHAR(64),
  user_agent        VARCHAR(512),
  correlation_id    VARCHAR(64),
  action            VARCHAR(64) NOT NULL,
  outcome           VARCHAR(16) NOT NULL,
  target_type       VARCHAR(16),
  target_id         BIGINT,
  target_path       VARCHAR(512),
  request_id        UUID,
  gitlab_token_id   BIGINT,
  token_fingerprint VARCHAR(64),
  details           TEXT NOT NULL,
  prev_hash         CHAR(64) NOT NULL,
  hash              CHAR(64) NOT NULL
);

CREATE INDEX audit_event_request_idx ON audit_event (request_id, seq);
CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at DESC, seq DESC);

-- Rows are never changed or removed, whoever asks; ENABLE ALWAYS keeps the triggers firing
-- even under session_replication_role = replica.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_no_update_or_delete;
ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_no_truncate;

-- The runtime role may only read and append (db/bootstrap.sql grants row rights by default).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portal_app') THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM portal_app;
  END IF;
END
$$;
