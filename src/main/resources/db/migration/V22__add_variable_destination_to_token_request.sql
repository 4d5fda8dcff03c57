-- Where the token goes when it is not shown: a CI/CD variable of a project or group, chosen
-- at request time so that approvers see it. All of the destination's columns are set, or none.
-- auto_rotate: the requester asked, and the approvers approved, that the portal rotate the
-- delivered token before it expires without asking again.
ALTER TABLE token_request
    ADD COLUMN delivery_target_type VARCHAR(10),
    ADD COLUMN delivery_target_id BIGINT,
    ADD COLUMN delivery_target_path VARCHAR(255),
    ADD COLUMN delivery_variable_key VARCHAR(255),
    ADD COLUMN delivery_environment_scope VARCHAR(255),
    ADD COLUMN delivery_protected BOOLEAN,
    ADD COLUMN delivery_masked_and_hidden BOOLEAN,
    ADD COLUMN auto_rotate BOOLEAN NOT NULL DEFAULT FALSE,
    ADD CONSTRAINT token_request_delivery_all_or_nothing CHECK (
        (delivery_target_type IS NULL AND delivery_target_id IS NULL AND delivery_target_path IS NULL
            AND delivery_variable_key IS NULL AND delivery_environment_scope IS NULL
            AND delivery_protected IS NULL AND delivery_masked_and_hidden IS NULL)
        OR (delivery_target_type IN ('PROJECT', 'GROUP') AND delivery_target_id IS NOT NULL
            AND delivery_target_path IS NOT NULL AND delivery_variable_key IS NOT NULL
            AND delivery_environment_scope IS NOT NULL AND delivery_protected IS NOT NULL
            AND delivery_masked_and_hidden IS NOT NULL)),
    ADD CONSTRAINT token_request_auto_rotate_needs_delivery CHECK (
        NOT auto_rotate OR delivery_target_type IS NOT NULL);
