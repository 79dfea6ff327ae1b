-- Microsoft 365 apps over time: one row per app and month with the seats
-- sold and the monthly active users of that month (either may be unknown).
-- month: 'YYYY-MM-01'. offers.monthly_active_users stays today's figure.
CREATE TABLE offer_usage_months (
    offer_id             TEXT NOT NULL REFERENCES offers(id),
    month                TEXT NOT NULL,
    seats_sold           BIGINT,
    monthly_active_users BIGINT,
    PRIMARY KEY (offer_id, month)
);
