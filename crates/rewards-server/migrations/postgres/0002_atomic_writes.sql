-- Atomic statements for several server instances sharing one database
-- (see migrations/sqlite/0002_atomic_writes.sql).

ALTER TABLE idempotency_keys ADD COLUMN owner TEXT;
ALTER TABLE idempotency_keys ADD COLUMN lease_expires_at BIGINT;

-- Named counters, each advanced by one `UPDATE ... SET value = value + 1
-- ... RETURNING value` (a portable sequence).
CREATE TABLE counters (
    name   TEXT PRIMARY KEY,
    value  BIGINT NOT NULL
);
INSERT INTO counters (name, value)
SELECT 'technical_request_seq', COALESCE(MAX(seq), 122) FROM technical_requests;
