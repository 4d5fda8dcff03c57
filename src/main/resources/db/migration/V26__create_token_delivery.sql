-- Which token went into which CI/CD variable, and what became of that variable: never the
-- value. A row is written before the portal writes the variable (PENDING), so that a crash
-- between the write and its record leaves a trace reconciliation can act on.
CREATE TABLE token_delivery (
    id                 UUID PRIMARY KEY,
    request_id         UUID NOT NULL REFERENCES token_request (id),
    gitlab_token_id    BIGINT NOT NULL,
    owner_type         VARCHAR(10) NOT NULL CHECK (owner_type IN ('PROJECT', 'GROUP')),
    owner_id           BIGINT NOT NULL,
    owner_path         VARCHAR(255) NOT NULL,
    variable_key       VARCHAR(255) NOT NULL,
    environment_scope  VARCHAR(255) NOT NULL,
    protected_only     BOOLEAN NOT NULL,
    hidden             BOOLEAN,
    method             VARCHAR(10) NOT NULL CHECK (method IN ('CREATE', 'UPDATE')),
    state              VARCHAR(16) NOT NULL
        CHECK (state IN ('PENDING', 'FAILED', 'DELIVERED', 'REPLACED', 'REMOVED', 'KEPT', 'LEFT')),
    started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at       TIMESTAMP WITH TIME ZONE,
    ended_at           TIMESTAMP WITH TIME ZONE,
    ended_by           VARCHAR(255)
);

CREATE INDEX token_delivery_request ON token_delivery (request_id);
CREATE INDEX token_delivery_open ON token_delivery (state) WHERE state IN ('PENDING', 'DELIVERED');

-- A destination the requester chose at Create token rather than at request time: the
-- Owners did not approve it, so a failed delivery gives the choice back.
ALTER TABLE token_request ADD COLUMN delivery_chosen_at_create BOOLEAN NOT NULL DEFAULT FALSE;
