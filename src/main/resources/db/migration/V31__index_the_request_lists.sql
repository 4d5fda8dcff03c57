-- Every list of requests is read a page at a time in SQL (keyset: the sort key and the id of
-- the last row shown), so each list's ORDER BY has an index that returns its rows in that
-- order, with the id breaking ties, and the page's cursor as an index condition.

-- My requests and My tokens: one requester's rows, newest first.
DROP INDEX token_request_requester_idx;
CREATE INDEX token_request_requester_page_idx ON token_request (requester_id, created_at DESC, id DESC);

-- The approval queue, the header's count and the home page: pending requests, oldest first
-- (read backwards for the newest). Only pending rows, so it stays as small as the queue.
CREATE INDEX token_request_pending_idx ON token_request (created_at, id) WHERE status = 'PENDING_APPROVAL';

-- The auditors' inventory: issued tokens, newest issue first. Not partial: the states come
-- from the filter as parameters, which a partial index's predicate could not be matched to.
CREATE INDEX token_request_issued_page_idx ON token_request (issued_at DESC, id DESC);
