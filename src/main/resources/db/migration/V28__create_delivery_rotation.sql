-- The portal's own rotation of a delivered token before it expires, one row per request: the
-- token the row is about (a new token starts afresh), the failed attempts so far and why the
-- last one failed (a code, and its words in English for the notification and the trail; never
-- a value), when to try again, when the requester and the Owners were told it keeps failing,
-- and the renewal request the portal submitted when the Owners have to approve it (once per
-- token).
CREATE TABLE delivery_rotation (
    request_id          UUID PRIMARY KEY REFERENCES token_request (id),
    gitlab_token_id     BIGINT NOT NULL,
    attempts            INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_failure_code   VARCHAR(40),
    last_failure_reason VARCHAR(2000),
    last_attempt_at     TIMESTAMP WITH TIME ZONE,
    next_attempt_at     TIMESTAMP WITH TIME ZONE,
    escalated_at        TIMESTAMP WITH TIME ZONE,
    renewal_request_id  UUID REFERENCES token_request (id)
);

CREATE INDEX delivery_rotation_renewal ON delivery_rotation (renewal_request_id)
    WHERE renewal_request_id IS NOT NULL;
