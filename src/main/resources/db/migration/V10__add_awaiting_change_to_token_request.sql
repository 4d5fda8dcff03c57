-- GitLab refused to create the token for a reason that does not go away by itself (the
-- group forbids token creation, the service account lacks rights): the request stays
-- approved, but its page says what must change instead of offering Create token as if
-- nothing had happened. Cleared by the next change of state.
ALTER TABLE token_request ADD COLUMN awaiting_change BOOLEAN NOT NULL DEFAULT FALSE;
