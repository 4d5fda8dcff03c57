-- The address GitLab gave at the user's last sign-in (OIDC email claim): the only reliable
-- way to reach an Owner without GitLab admin rights (gitlab-api.md §14).
ALTER TABLE portal_user ADD COLUMN email VARCHAR(320);

-- What each user wants to hear, and how; no row means the defaults (e-mail on, one
-- message per request).
CREATE TABLE notification_preference (
  gitlab_user_id BIGINT PRIMARY KEY,
  email_enabled  BOOLEAN NOT NULL,
  daily_digest   BOOLEAN NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A chat channel (Slack-compatible incoming webhook) per top-level group, set by admins.
CREATE TABLE chat_channel (
  top_level_group VARCHAR(255) PRIMARY KEY,
  webhook_url     VARCHAR(2000) NOT NULL,
  updated_by      VARCHAR(255)  NOT NULL,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
