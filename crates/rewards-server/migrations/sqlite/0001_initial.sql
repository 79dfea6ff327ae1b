-- Marketplace Rewards reference server: initial schema.
-- Timestamps are INTEGER Unix seconds (UTC); calendar days are TEXT 'YYYY-MM-DD'.

CREATE TABLE companies (
    id                         TEXT PRIMARY KEY,
    name                       TEXT NOT NULL,
    partner_global_account_id  TEXT NOT NULL,
    partner_id                 TEXT,
    account_email              TEXT NOT NULL,
    home_tenant                TEXT NOT NULL,
    contacts_version           INTEGER NOT NULL DEFAULT 1,
    tenants_version            INTEGER NOT NULL DEFAULT 1,
    benefits_viewed_at         INTEGER
);

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    company_id     TEXT NOT NULL REFERENCES companies(id),
    email          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name   TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    tenant         TEXT NOT NULL,
    roles          TEXT NOT NULL -- JSON array of role names
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY, -- hex SHA-256 of the bearer token; the token itself is never stored
    user_id     TEXT NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE publisher_profiles (
    id          TEXT PRIMARY KEY,
    company_id  TEXT NOT NULL REFERENCES companies(id),
    name        TEXT NOT NULL,
    seller_id   TEXT
);

CREATE TABLE offers (
    id                                   TEXT PRIMARY KEY,
    company_id                           TEXT NOT NULL REFERENCES companies(id),
    publisher_profile_id                 TEXT NOT NULL REFERENCES publisher_profiles(id),
    name                                 TEXT NOT NULL,
    offer_type                           TEXT NOT NULL,
    live_date                            TEXT,
    visibility                           TEXT NOT NULL,
    bring_your_own_license               INTEGER NOT NULL,
    listing_optimization_completed       INTEGER NOT NULL,
    co_sell_ready                        INTEGER NOT NULL,
    has_public_listing_of_same_solution  INTEGER NOT NULL
);

CREATE TABLE billed_sales (
    id                    INTEGER PRIMARY KEY,
    publisher_profile_id  TEXT NOT NULL REFERENCES publisher_profiles(id),
    offer_id              TEXT NOT NULL REFERENCES offers(id),
    billed_on             TEXT NOT NULL,
    amount_cents          INTEGER NOT NULL,
    fraudulent            INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE benefits (
    id               TEXT PRIMARY KEY,
    company_id       TEXT NOT NULL REFERENCES companies(id),
    key              TEXT NOT NULL,
    category         TEXT NOT NULL,
    source           TEXT NOT NULL, -- JSON BenefitSource
    quantity         TEXT NOT NULL, -- JSON Quantity
    unlock_tier      TEXT NOT NULL,
    constraints      TEXT NOT NULL, -- JSON array of ConstraintMarker
    offer_id         TEXT REFERENCES offers(id),
    activate_by      TEXT,
    status           TEXT NOT NULL,
    status_reason    TEXT,
    activated_at     INTEGER,
    activation_mode  TEXT NOT NULL
);
CREATE INDEX benefits_company ON benefits(company_id);

CREATE TABLE benefit_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    benefit_id  TEXT NOT NULL REFERENCES benefits(id),
    from_status TEXT,
    to_status   TEXT NOT NULL,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    reason      TEXT
);
CREATE INDEX benefit_history_benefit ON benefit_history(benefit_id);

CREATE TABLE marketing_contacts (
    id                  TEXT PRIMARY KEY,
    company_id          TEXT NOT NULL REFERENCES companies(id),
    user_id             TEXT NOT NULL REFERENCES users(id),
    email               TEXT NOT NULL,
    phone_e164          TEXT NOT NULL,
    preferred_language  TEXT NOT NULL,
    created_at          INTEGER NOT NULL
);

CREATE TABLE technical_requests (
    id                      TEXT PRIMARY KEY,
    company_id              TEXT NOT NULL REFERENCES companies(id),
    seq                     INTEGER NOT NULL UNIQUE,
    case_number             TEXT NOT NULL UNIQUE,
    phase                   TEXT NOT NULL,
    solution_type           TEXT NOT NULL,
    title                   TEXT NOT NULL,
    description             TEXT NOT NULL,
    products                TEXT NOT NULL, -- JSON array of strings
    phone_e164              TEXT NOT NULL,
    country_region          TEXT NOT NULL,
    time_zone               TEXT NOT NULL,
    language                TEXT NOT NULL,
    preferred_contact_time  TEXT NOT NULL,
    status                  TEXT NOT NULL,
    created_at              INTEGER NOT NULL,
    created_by              TEXT NOT NULL REFERENCES users(id)
);

CREATE TABLE tenant_associations (
    company_id     TEXT NOT NULL REFERENCES companies(id),
    domain         TEXT NOT NULL,
    organisation   TEXT NOT NULL,
    associated_at  INTEGER NOT NULL,
    is_home        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (company_id, domain)
);

-- The server's stand-in for Azure AD: tenants and their users (argon2 PHC hashes).
CREATE TABLE tenant_directory (
    domain        TEXT PRIMARY KEY,
    organisation  TEXT NOT NULL
);
CREATE TABLE tenant_directory_users (
    domain         TEXT NOT NULL REFERENCES tenant_directory(domain),
    username       TEXT NOT NULL COLLATE NOCASE,
    password_hash  TEXT NOT NULL,
    PRIMARY KEY (domain, username)
);

-- Verified credentials waiting for the admin to review and confirm. No password is kept.
CREATE TABLE pending_tenant_associations (
    id            TEXT PRIMARY KEY,
    company_id    TEXT NOT NULL REFERENCES companies(id),
    user_id       TEXT NOT NULL REFERENCES users(id),
    domain        TEXT NOT NULL,
    organisation  TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);

CREATE TABLE tenant_credential_failures (
    id       INTEGER PRIMARY KEY,
    user_id  TEXT NOT NULL,
    domain   TEXT NOT NULL,
    at       INTEGER NOT NULL
);
CREATE INDEX tenant_credential_failures_lookup ON tenant_credential_failures(user_id, domain, at);

-- Idempotency-Key records. `fingerprint` is SHA-256 over method, path and the
-- canonical JSON body with secret fields removed; `status` is NULL while in flight.
CREATE TABLE idempotency_keys (
    scope         TEXT NOT NULL, -- user id or 'anonymous'
    key           TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    status        INTEGER,
    headers       TEXT,          -- JSON object of replayable response headers
    body          BLOB,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);
