-- Statuses that move with time and billed sales.
-- benefit_history.cause: JSON ChangeCause of a change the rules or an opt-out
--   made (activate-by passed, tier reached, opted out); NULL for older rows.
-- offers.owner_name / owner_email: who in the company owns the offer (the
--   partner's first stop when the Rewards team has not been in touch).
-- offers.rewards_contacted_on: 'YYYY-MM-DD' of the Rewards team's first
--   message about the offer; NULL while none has arrived (four-week rule).
-- offers.engagement_opted_out: List and Trial offers only; 1 when the partner
--   opted out of the Rewards team's engagement for the offer.
-- offers.monthly_active_users: Microsoft 365 apps only (the alternative path
--   to a tier); NULL for every other offer.
ALTER TABLE benefit_history ADD COLUMN cause TEXT;
ALTER TABLE offers ADD COLUMN owner_name TEXT;
ALTER TABLE offers ADD COLUMN owner_email TEXT;
ALTER TABLE offers ADD COLUMN rewards_contacted_on TEXT;
ALTER TABLE offers ADD COLUMN engagement_opted_out INTEGER NOT NULL DEFAULT 0;
ALTER TABLE offers ADD COLUMN monthly_active_users INTEGER;
