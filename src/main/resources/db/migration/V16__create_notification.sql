-- Every message the portal means to send, recorded before it is sent: a retried listener
-- finds what it already sent and sends only the rest, so nobody hears of one event twice.
CREATE TABLE notification (
  id                 BIGSERIAL PRIMARY KEY,
  -- one event of one request, the same however often the listener runs
  event_key          VARCHAR(200) NOT NULL,
  -- user:<GitLab id>, or chat:<channel>
  recipient          VARCHAR(255) NOT NULL,
  -- EMAIL, DIGEST (waits for the daily digest) or CHAT
  channel            VARCHAR(16)  NOT NULL,
  request_id         UUID         NOT NULL,
  kind               VARCHAR(40)  NOT NULL,
  recipient_username VARCHAR(255),
  -- the e-mail address used; NULL for an e-mail means nobody knows one (shown on the request page)
  address            VARCHAR(320),
  created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  sent_at            TIMESTAMP WITH TIME ZONE,
  CONSTRAINT notification_once UNIQUE (event_key, recipient, channel)
);

CREATE INDEX notification_by_request ON notification (request_id);
CREATE INDEX notification_unsent_digest ON notification (recipient) WHERE channel = 'DIGEST' AND sent_at IS NULL;
