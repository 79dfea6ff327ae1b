-- Failed-attempt counters of the sign-in and tenant-credential limits
-- (see migrations/sqlite/0003_attempt_counters.sql).
CREATE TABLE attempt_counters (
    bucket    TEXT PRIMARY KEY,
    failures  BIGINT NOT NULL,
    first_at  BIGINT NOT NULL,
    last_at   BIGINT NOT NULL
);
CREATE INDEX attempt_counters_last_at ON attempt_counters(last_at);
