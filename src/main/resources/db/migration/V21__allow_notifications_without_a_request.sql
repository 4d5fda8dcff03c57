-- GitLab's warnings about tokens made outside the portal concern no request.
ALTER TABLE notification ALTER COLUMN request_id DROP NOT NULL;
