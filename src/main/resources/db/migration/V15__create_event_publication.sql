-- Spring Modulith's JDBC event publication registry (spring-modulith-events-jdbc 2.1.1,
-- schemas/v2/schema-postgresql.sql, verbatim but for IF NOT EXISTS): an after-commit
-- listener's event is kept here until the listener completes, so a message that could not
-- be sent is resubmitted instead of lost. Flyway owns it; Modulith's initializer is off.
CREATE TABLE event_publication
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (id)
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash(serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
