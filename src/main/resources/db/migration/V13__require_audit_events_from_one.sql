-- The chain starts at event 1 and verification walks from there: an event numbered 0 or
-- below would stand outside every walk, so the database refuses it (and the verifier
-- reports one should the owner drop this check).
ALTER TABLE audit_event ADD CONSTRAINT audit_event_seq_from_one CHECK (seq >= 1);
