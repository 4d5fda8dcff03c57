-- Token requests and their approvals. The token value is never stored: only GitLab's token
-- id and a keyed fingerprint (HMAC) of the value.
CREATE TABLE token_request (
  id                  UUID PRIMARY KEY,
  short_id            VARCHAR(16) NOT NULL UNIQUE,
  requester_id        BIGINT NOT NULL,
  requester_username  VARCHAR(255) NOT NULL,
  target_type         VARCHAR(16) NOT NULL,
  target_id           BIGINT NOT NULL,
  target_path         VARCHAR(512) NOT NULL,
  token_name          VARCHAR(255) NOT NULL,
  description         VARCHAR(1000),
  scopes              VARCHAR(1000) NOT NULL,
  access_level        INTEGER NOT NULL,
  expires_on          DATE NOT NULL,
  justification       VARCHAR(4000) NOT NULL,
  tier                VARCHAR(16) NOT NULL,
  policy_rule         VARCHAR(64) NOT NULL,
  policy_reason       VARCHAR(1000) NOT NULL,
  policy_version      BIGINT NOT NULL,
  required_approvals  INTEGER NOT NULL,
  status              VARCHAR(20) NOT NULL,
  status_reason       VARCHAR(2000),
  gitlab_token_id     BIGINT,
  gitlab_token_name   VARCHAR(255),
  issued_scopes       VARCHAR(1000),
  issued_access_level INTEGER,
  issued_expires_on   DATE,
  token_fingerprint   VARCHAR(64),
  renewal_of          UUID REFERENCES token_request (id),
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  approved_at         TIMESTAMP WITH TIME ZONE,
  issued_at           TIMESTAMP WITH TIME ZONE,
  revoked_at          TIMESTAMP WITH TIME ZONE,
  version             BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX token_request_requester_idx ON token_request (requester_id, created_at DESC);
CREATE INDEX token_request_status_idx ON token_request (status, updated_at);
CREATE INDEX token_request_target_idx ON token_request (target_type, target_id, status);

CREATE TABLE approval (
  id             BIGSERIAL PRIMARY KEY,
  request_id     UUID NOT NULL REFERENCES token_request (id),
  approver_id    BIGINT NOT NULL,
  approver_name  VARCHAR(255) NOT NULL,
  decision       VARCHAR(16) NOT NULL,
  reason         VARCHAR(2000),
  access_level   INTEGER NOT NULL,
  decided_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  -- each approver counts once
  CONSTRAINT approval_once_per_approver UNIQUE (request_id, approver_id)
);

-- Scheduled jobs run on one instance at a time (ShedLock).
CREATE TABLE shedlock (
  name       VARCHAR(64) PRIMARY KEY,
  lock_until TIMESTAMP NOT NULL,
  locked_at  TIMESTAMP NOT NULL,
  locked_by  VARCHAR(255) NOT NULL
);
