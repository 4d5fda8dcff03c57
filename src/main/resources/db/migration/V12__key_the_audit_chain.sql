-- The audit chain becomes keyed: new events are sealed with HMAC-SHA256 under a key the
-- database never holds (portal.audit.chain-key), so that an event added with the database
-- credentials alone does not verify. hash_alg says which form an event uses; every event
-- written before this migration keeps its plain SHA-256 and still verifies.
-- No append may slip in between reading the last plain event and the check below.
LOCK TABLE audit_event IN ACCESS EXCLUSIVE MODE;

ALTER TABLE audit_event ADD COLUMN hash_alg VARCHAR(16) NOT NULL DEFAULT 'sha256'
  CONSTRAINT audit_event_hash_alg_known CHECK (hash_alg IN ('sha256', 'hmac-sha256'));

-- From here on only keyed events may be appended: the database refuses a plain one (the
-- verifier refuses one after a keyed event as well, should the owner drop this check).
-- Stop instances of the previous version before migrating: their plain appends fail.
DO $$
DECLARE
  last_plain BIGINT;
BEGIN
  SELECT coalesce(max(seq), 0) INTO last_plain FROM audit_event;
  EXECUTE format('ALTER TABLE audit_event ADD CONSTRAINT audit_event_keyed_from_now_on '
      'CHECK (hash_alg = %L OR seq <= %s)', 'hmac-sha256', last_plain);
END
$$;

-- A checkpoint is a starting point for incremental verification only when its MAC (same
-- key, over seq, hash and verified_at) verifies; older checkpoints have none.
ALTER TABLE audit_checkpoint ADD COLUMN mac CHAR(64);
