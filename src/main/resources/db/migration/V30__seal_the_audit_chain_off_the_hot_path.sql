-- The audit chain is sealed off the hot path, the way transparency logs do it (Certificate
-- Transparency, Trillian): an action appends its event as a leaf, in its own transaction and
-- without waiting for any other writer; one sequencer (AuditSequencer, under ShedLock and an
-- advisory lock only sealers take) then gives the leaves that have committed their place in
-- the chain (seq), the previous event's hash and their seal. seq is the order of sealing, not
-- of the append id: a leaf whose transaction commits late simply gets the next seq.
-- No append may slip in while the table changes shape.
LOCK TABLE audit_event IN ACCESS EXCLUSIVE MODE;

-- The append id, from the insert on. Events sealed before this migration keep id = seq, so
-- every link to an event written before keeps pointing at it.
ALTER TABLE audit_event ADD COLUMN id BIGINT;
ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete;
UPDATE audit_event SET id = seq;
ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_no_update_or_delete;
ALTER TABLE audit_event ALTER COLUMN id SET NOT NULL;
ALTER TABLE audit_event ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('audit_event', 'id'), coalesce(max(id), 0) + 1, false) FROM audit_event;
ALTER TABLE audit_event DROP CONSTRAINT audit_event_pkey;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_pkey PRIMARY KEY (id);

-- Place, link and seal stay empty until the sequencer seals the leaf, and then all three are
-- set together; seq stays unique (the chain never forks).
ALTER TABLE audit_event ALTER COLUMN seq DROP NOT NULL,
  ALTER COLUMN prev_hash DROP NOT NULL,
  ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_seq_unique UNIQUE (seq);
ALTER TABLE audit_event ADD CONSTRAINT audit_event_sealed_whole
  CHECK ((seq IS NULL) = (prev_hash IS NULL) AND (seq IS NULL) = (hash IS NULL));

-- A leaf carries an HMAC of its fields under the audit key (which the database never holds),
-- computed by the portal as it appends: the sequencer seals only leaves whose MAC verifies, so
-- a row added with the database credentials alone is never sealed into the chain, and a leaf
-- changed before sealing is refused as well. Events sealed before this migration have none.
ALTER TABLE audit_event ADD COLUMN leaf_mac CHAR(64);
ALTER TABLE audit_event ADD CONSTRAINT audit_event_leaf_has_mac CHECK (seq IS NOT NULL OR leaf_mac IS NOT NULL);

-- What the sequencer looks for: the leaves still unsealed, oldest append first.
CREATE INDEX audit_event_unsealed_idx ON audit_event (id) WHERE seq IS NULL;

-- Search, request history and the newest events go by the append id now: unsealed events are
-- shown as well, and the order is known the moment an event is appended.
DROP INDEX audit_event_request_idx;
CREATE INDEX audit_event_request_idx ON audit_event (request_id, id);
DROP INDEX audit_event_occurred_idx;
CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at DESC, id DESC);
DROP INDEX audit_event_actor_idx;
CREATE INDEX audit_event_actor_idx ON audit_event (actor_username, id DESC);
DROP INDEX audit_event_action_idx;
CREATE INDEX audit_event_action_idx ON audit_event (action, id DESC);
DROP INDEX audit_event_target_path_idx;
CREATE INDEX audit_event_target_path_idx ON audit_event (target_path text_pattern_ops, id DESC);
DROP INDEX audit_event_token_idx;
CREATE INDEX audit_event_token_idx ON audit_event (gitlab_token_id, id DESC);

-- Rows are still never changed or removed, whoever asks, with one exception: sealing, which
-- fills seq, prev_hash and hash of an unsealed leaf once and changes nothing else.
CREATE FUNCTION audit_event_only_sealed_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
      AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

DROP TRIGGER audit_event_no_update_or_delete ON audit_event;
CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_only_sealed_once();
ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_no_update_or_delete;

-- The runtime role has no UPDATE on audit_event (afterMigrate.sql); it seals through this
-- function, which runs as the owner and can do nothing but seal leaves that are unsealed. All
-- of a batch or none: a leaf someone else sealed meanwhile fails the whole batch. A seal made
-- without the audit key does not verify, so calling this with the database credentials alone
-- can only break the chain visibly, never forge it.
CREATE FUNCTION audit_seal(ids BIGINT[], seqs BIGINT[], prev_hashes TEXT[], hashes TEXT[]) RETURNS INTEGER
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
  sealed INTEGER;
BEGIN
  UPDATE audit_event e SET seq = s.seq, prev_hash = s.prev_hash, hash = s.hash
  FROM unnest(ids, seqs, prev_hashes, hashes) AS s(id, seq, prev_hash, hash)
  WHERE e.id = s.id AND e.seq IS NULL;
  GET DIAGNOSTICS sealed = ROW_COUNT;
  IF sealed <> coalesce(cardinality(ids), 0) THEN
    RAISE EXCEPTION 'audit_seal: only % of % leaves were still unsealed', sealed, cardinality(ids)
      USING ERRCODE = 'serialization_failure';
  END IF;
  RETURN sealed;
END
$$;

-- A SECURITY DEFINER function resolves names in the schema it was made in only, never in a
-- caller's temporary schema.
DO $$
BEGIN
  EXECUTE format('ALTER FUNCTION audit_seal(BIGINT[], BIGINT[], TEXT[], TEXT[]) SET search_path = %I, pg_temp',
    current_schema());
END
$$;
