-- Status reasons become a message code and its arguments; the words live in the
-- bundles. status_reason stays for rows written before, which keep their English.
ALTER TABLE token_request
  ADD COLUMN status_reason_code VARCHAR(200),
  ADD COLUMN status_reason_args TEXT[];
