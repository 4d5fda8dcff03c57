-- Results of chain verification: how far the chain was found intact. The scheduled
-- verification continues from the newest checkpoint instead of walking from the start.
-- A checkpoint is only a starting point: a full walk from event 1 is always possible.
CREATE TABLE audit_checkpoint (
  id          BIGSERIAL PRIMARY KEY,
  seq         BIGINT NOT NULL,
  hash        CHAR(64) NOT NULL,
  verified_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX audit_checkpoint_seq_idx ON audit_checkpoint (seq DESC);

-- Search: filters on actor, action, target path prefix, request and token, newest first.
CREATE INDEX audit_event_actor_idx ON audit_event (actor_username, seq DESC);
CREATE INDEX audit_event_action_idx ON audit_event (action, seq DESC);
CREATE INDEX audit_event_target_path_idx ON audit_event (target_path text_pattern_ops, seq DESC);
CREATE INDEX audit_event_token_idx ON audit_event (gitlab_token_id, seq DESC);
