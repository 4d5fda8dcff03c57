-- When the approved-lapse clock of a request last started: when it became APPROVED by its
-- approvals (or at once), or again after GitLab refused a create or reconciliation gave the
-- request back. "I did not receive the token" does not restart it, so that a request cannot be
-- kept alive past its week by reporting the token missing. Requests approved before this column
-- existed start from the moment the lapse job counted from until now.
ALTER TABLE token_request ADD COLUMN approval_clock_from TIMESTAMP WITH TIME ZONE;
UPDATE token_request SET approval_clock_from = CASE WHEN status = 'APPROVED' THEN updated_at ELSE approved_at END
  WHERE approved_at IS NOT NULL OR status = 'APPROVED';
CREATE INDEX token_request_approval_clock_idx ON token_request (status, approval_clock_from);
