-- Technical cases a partner can follow: the benefit a case draws on, the
-- quantity its resolution used, a version for If-Match, and the case's
-- events (status changes and notes of the partner and the Rewards team).
ALTER TABLE technical_requests ADD COLUMN benefit_id TEXT REFERENCES benefits(id);
ALTER TABLE technical_requests ADD COLUMN quantity_used BIGINT;
ALTER TABLE technical_requests ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX technical_requests_benefit ON technical_requests(benefit_id);

-- One row per status change (from_status NULL for the submission; note NULL)
-- or note (to_status NULL). actor_id is a user of the partner company or of
-- the Rewards team; party is 'partner' or 'rewards_team'.
CREATE TABLE technical_request_events (
    id          BIGSERIAL PRIMARY KEY,
    request_id  TEXT NOT NULL REFERENCES technical_requests(id),
    at          BIGINT NOT NULL,
    actor_id    TEXT NOT NULL REFERENCES users(id),
    party       TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    note        TEXT
);
CREATE INDEX technical_request_events_request ON technical_request_events(request_id, id);

-- Requests filed before this version get the record of their submission.
INSERT INTO technical_request_events (request_id, at, actor_id, party, from_status, to_status)
SELECT id, created_at, created_by, 'partner', NULL, status FROM technical_requests;
