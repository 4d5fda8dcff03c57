-- Policy reasons become a message code and its arguments, like status reasons (V19); the
-- words live in the bundles. policy_reason stays for rows written before, which keep
-- their English sentence; new rows leave it empty.
ALTER TABLE token_request
  ADD COLUMN policy_reason_code VARCHAR(200),
  ADD COLUMN policy_reason_args TEXT[],
  ALTER COLUMN policy_reason DROP NOT NULL;

-- The same for why the last automatic rotation of a delivered token failed (V28).
ALTER TABLE delivery_rotation
  ADD COLUMN last_failure_reason_code VARCHAR(200),
  ADD COLUMN last_failure_reason_args TEXT[];
