-- Atomic statements for several server instances sharing one database.

-- An in-flight Idempotency-Key record (status NULL) belongs to the instance
-- that claimed it (`owner`, random per process start) until
-- `lease_expires_at` (unix seconds); only then may another instance take it
-- over or a starting instance remove it.
ALTER TABLE idempotency_keys ADD COLUMN owner TEXT;
ALTER TABLE idempotency_keys ADD COLUMN lease_expires_at INTEGER;

-- Named counters, each advanced by one `UPDATE ... SET value = value + 1
-- ... RETURNING value` (a portable sequence).
CREATE TABLE counters (
    name   TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
);
-- Technical-request case numbers continue after the highest one in use
-- (the first is 123 = seed::FIRST_CASE_SEQ).
INSERT INTO counters (name, value)
SELECT 'technical_request_seq', COALESCE(MAX(seq), 122) FROM technical_requests;
