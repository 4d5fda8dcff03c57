-- Failed sign-ins by client address, for the callback abuse limit (security.md 2.17):
-- 30 failures within 3 minutes ban the address for an hour, on every instance alike.
CREATE TABLE login_failure (
  id        BIGSERIAL PRIMARY KEY,
  client_ip VARCHAR(64) NOT NULL,
  failed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX login_failure_ip_idx ON login_failure (client_ip, failed_at DESC);
