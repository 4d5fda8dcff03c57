-- A token may live for a number of hours instead of until a date (issue 9). GitLab's expiry is a
-- date, so GitLab gets the next day as a backstop and the portal revokes at revoke_at, the exact
-- end counted from Create (or the last rotation). The state is here, so a restart loses nothing.
ALTER TABLE token_request
  ADD COLUMN lifetime_hours INTEGER CHECK (lifetime_hours BETWEEN 1 AND 72),
  ADD COLUMN revoke_at      TIMESTAMP WITH TIME ZONE;

CREATE INDEX token_request_revoke_at ON token_request (revoke_at) WHERE revoke_at IS NOT NULL;
