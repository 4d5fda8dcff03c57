-- Per-user rate limits (Bucket4j token buckets), shared by every instance: one row per
-- user and limit. expires_at (epoch milliseconds) is when the bucket will have refilled,
-- after which the cleanup job deletes it.
CREATE TABLE rate_limit_bucket (
  id         VARCHAR(128) PRIMARY KEY,
  state      BYTEA,
  expires_at BIGINT
);

CREATE INDEX rate_limit_bucket_expires_idx ON rate_limit_bucket (expires_at);
