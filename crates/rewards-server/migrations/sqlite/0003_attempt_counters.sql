-- Failed-attempt counters of the sign-in and tenant-credential limits, kept
-- in the database so that every server instance sharing it enforces the same
-- limit. An attempt is reserved (counted) before the password is checked,
-- by one INSERT ... ON CONFLICT ... DO UPDATE ... WHERE <below the limit>
-- RETURNING statement, so parallel attempts cannot slip past the limit; a
-- success removes (resets) or gives back its reservation.
--   bucket    'signin:account:<sha256 of the normalized email>',
--             'signin:address:<client address or IPv6 /64>',
--             'tenant:<user id>:<tenant domain>'
--   failures  attempts counted in the current window
--   first_at  start of the current window (unix seconds)
--   last_at   last counted attempt (unix seconds)
CREATE TABLE attempt_counters (
    bucket    TEXT PRIMARY KEY,
    failures  INTEGER NOT NULL,
    first_at  INTEGER NOT NULL,
    last_at   INTEGER NOT NULL
);
CREATE INDEX attempt_counters_last_at ON attempt_counters(last_at);

-- Replaced by attempt_counters (one row per user and tenant instead of one
-- per failure, reserved atomically).
DROP TABLE tenant_credential_failures;
