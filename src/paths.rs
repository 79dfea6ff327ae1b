//! The app's route paths: the one place they are spelled. A leaf module (nothing from `crate::`),
//! so every layer may use it. The other spellings are checked against it: the `path!` literals of
//! the route table (`src/app.rs`), `ROUTES` in index.html and the route roots the static-host
//! configuration sends to index.html (`scripts/host-config.mjs`) — see `tests/routes.rs`.

pub const OVERVIEW: &str = "/";
/// Redirects to the first tab.
pub const BENEFITS: &str = "/benefits";
pub const SALES_MARKETING: &str = "/benefits/sales-marketing";
pub const TECHNICAL: &str = "/benefits/technical";
pub const TECHNICAL_REQUEST: &str = "/technical-requests/new";
/// One technical case, by case number (`:case`; see [`technical_case`]).
pub const TECHNICAL_CASE: &str = "/technical-requests/:case";
pub const INSIGHTS: &str = "/insights";
pub const TENANTS: &str = "/settings/tenants";
pub const ASSOCIATE_TENANT: &str = "/settings/tenants/associate";

/// Every route, the overview (the base itself) first.
pub const ALL: &[&str] = &[
    OVERVIEW,
    BENEFITS,
    SALES_MARKETING,
    TECHNICAL,
    TECHNICAL_REQUEST,
    TECHNICAL_CASE,
    INSIGHTS,
    TENANTS,
    ASSOCIATE_TENANT,
];

/// The page of the case with this case number ("TR-2026-000123"), or of a case id.
pub fn technical_case(case_number: &str) -> String {
    let segment: String = case_number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    TECHNICAL_CASE.replace(":case", &segment)
}
