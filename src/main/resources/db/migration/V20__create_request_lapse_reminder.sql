-- The "lapses soon" reminders sent, one per request and state: a pending request gets one
-- before it lapses unapproved, and again, once approved, before it lapses without a token.
-- The row is written in the transaction that publishes the reminder, so a restart or a second
-- instance never publishes it twice.
CREATE TABLE request_lapse_reminder (
  request_id  UUID NOT NULL REFERENCES token_request (id),
  status      VARCHAR(20) NOT NULL,
  lapses_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  reminded_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (request_id, status)
);
