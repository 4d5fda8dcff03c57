-- The requester's own effective access level on the target when they submitted, as GitLab
-- reported it: the policy weighs the token's level against it, approvers see both, and every
-- later create or rotation checks the requester still holds at least what the decision
-- rested on. Empty for requests submitted before it was recorded.
ALTER TABLE token_request ADD COLUMN requester_access_level INTEGER;
