-- Expiry reminders: one per request, GitLab token and number of days left, whether the
-- portal's own schedule or GitLab's expiring_access_token webhook found it first. A
-- rotated token has a new GitLab id, so it gets reminders of its own.
CREATE TABLE token_expiry_reminder (
  request_id      UUID NOT NULL REFERENCES token_request (id),
  gitlab_token_id BIGINT NOT NULL,
  days            INTEGER NOT NULL,
  from_gitlab     BOOLEAN NOT NULL,
  sent_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT token_expiry_reminder_once UNIQUE (request_id, gitlab_token_id, days)
);

-- GitLab webhook deliveries already handled, by GitLab's Idempotency-Key (17.4+; else the
-- event's X-Gitlab-Event-UUID): a resend or a retry after a timeout does nothing twice.
CREATE TABLE gitlab_webhook_delivery (
  delivery_key VARCHAR(255) PRIMARY KEY,
  event_uuid   VARCHAR(255),
  event_name   VARCHAR(64) NOT NULL,
  received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX gitlab_webhook_delivery_event_idx ON gitlab_webhook_delivery (event_uuid);
