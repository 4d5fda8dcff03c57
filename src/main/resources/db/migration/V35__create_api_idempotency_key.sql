-- Idempotency keys of the API (Idempotency-Key header on submit and create): a retried call
-- with the same key, by the same user, on the same endpoint gets the first answer again. The
-- stored answer never holds a token's value; the request is kept only as a SHA-256 of its
-- body and path, to tell a retry from a different call that reuses the key (422).
CREATE TABLE api_idempotency_key (
  user_id          BIGINT                   NOT NULL,
  endpoint         VARCHAR(64)              NOT NULL,
  idempotency_key  VARCHAR(255)             NOT NULL,
  request_hash     BYTEA                    NOT NULL,
  -- NULL while the first call is in flight
  response_status  INTEGER,
  response_body    JSONB,
  response_location VARCHAR(512),
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (user_id, endpoint, idempotency_key)
);

-- Keys are kept 24 hours; older ones are removed when met again, and by this index's range.
CREATE INDEX api_idempotency_key_created_idx ON api_idempotency_key (created_at);
