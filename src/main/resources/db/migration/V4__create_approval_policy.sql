-- Approval policy versions. Every change inserts a row; the newest row per scope is in force.
-- scope '' is the portal-wide default; a top-level group's path is a stricter override.
CREATE TABLE approval_policy (
  version     BIGSERIAL PRIMARY KEY,
  scope       VARCHAR(255) NOT NULL,
  rules       TEXT NOT NULL,
  active      BOOLEAN NOT NULL,
  changed_by  VARCHAR(255) NOT NULL,
  changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  comment     VARCHAR(1000)
);

CREATE INDEX approval_policy_scope_idx ON approval_policy (scope, version DESC);
