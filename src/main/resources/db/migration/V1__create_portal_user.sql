-- People who have signed in, keyed by GitLab's user id (the OIDC sub), never by e-mail.
CREATE TABLE portal_user (
  gitlab_user_id BIGINT PRIMARY KEY,
  username       VARCHAR(255) NOT NULL,
  name           VARCHAR(255) NOT NULL,
  first_login_at TIMESTAMP WITH TIME ZONE NOT NULL,
  last_login_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  version        BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX portal_user_username_idx ON portal_user (lower(username));
