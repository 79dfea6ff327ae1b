//! JSON request and response bodies of the `/api/v1` HTTP API, shared by the
//! SPA (which deserializes exactly these) and the reference server.
//!
//! Plain serde, no web dependencies. Field names are snake_case, enums use
//! the snake_case wire names of the core types, timestamps are
//! `YYYY-MM-DDTHH:MM:SSZ` and days `YYYY-MM-DD` (see [`crate::date`]), money
//! is integer USD cents.
//!
//! Request bodies reuse the form inputs of [`crate::validate`] (string
//! fields, so a form maps 1:1 and the server answers with per-field
//! [`crate::validate::ErrorCode`]s); responses reuse the model types.
//!
//! Conventions every client must follow:
//! * Every `POST`/`PUT`/`DELETE` carries an `Idempotency-Key` header
//!   (1–255 visible ASCII characters; [`IDEMPOTENCY_KEY_HEADER`]). A repeat
//!   with the same key and body gets the first response again plus
//!   `Idempotent-Replayed: true`.
//! * Mutations of the marketing-contact and tenant collections carry
//!   `If-Match: "<version>"` from the collection's `ETag` / `version`.
//! * Errors are [`ProblemDetails`] (`application/problem+json`).

use crate::activation::ActivationBlocked;
use crate::case::ReplyState;
use crate::date::{Date, Timestamp};
use crate::eligibility::IneligibleReason;
use crate::model::{
    Benefit, BenefitCategory, BenefitStatus, CaseNote, CaseStatusChange, Company, MarketingContact,
    Offer, OfferType, Quantity, RequestStatus, Role, TechnicalRequest, TenantAssociation,
};
use crate::tier::Tier;
use crate::validate::FieldError;
use serde::{Deserialize, Serialize};

/// Path prefix of every API route.
pub const API_PREFIX: &str = "/api/v1";
/// Header required on every mutating request.
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";
/// Header set (to `true`) on a replayed idempotent response.
pub const IDEMPOTENT_REPLAYED_HEADER: &str = "Idempotent-Replayed";

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// RFC 9457 problem details (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProblemDetails {
    /// A URI naming the problem type.
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine code, e.g. `marketing_contact_required`,
    /// `version_mismatch`, `programme_hidden`. See [`problem_codes`].
    pub code: String,
    /// Per-field errors with core [`crate::validate::ErrorCode`]s (validation problems and
    /// JSON bodies of the wrong shape: a missing field is `required`, a wrong
    /// type or unknown enum value is `value_not_allowed`); empty otherwise.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(required = true))]
    pub errors: Vec<FieldError>,
}

/// The `code` values of [`ProblemDetails`] the server emits. A refused
/// activation uses the `code` of its [`ActivationBlocked`] instead
/// (`marketing_contact_required`, `tier_not_reached`, `constraint_not_met`, …).
pub mod problem_codes {
    pub const BAD_JSON: &str = "malformed_json";
    pub const INVALID_BODY: &str = "invalid_body";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    pub const BODY_TOO_LARGE: &str = "body_too_large";
    pub const INVALID_QUERY: &str = "invalid_query";
    pub const INVALID_PATH: &str = "invalid_path";
    pub const VALIDATION_FAILED: &str = "validation_failed";
    pub const NOT_FOUND: &str = "not_found";
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    pub const UNAUTHENTICATED: &str = "unauthenticated";
    pub const INVALID_TOKEN: &str = "invalid_token";
    pub const INVALID_CREDENTIALS: &str = "invalid_credentials";
    pub const READ_ONLY_ROLE: &str = "read_only_role";
    pub const TENANT_ADMIN_REQUIRED: &str = "tenant_admin_required";
    /// Tenants are managed only in a session signed in through the company's home tenant or
    /// another tenant already associated with it (the Partner Global Account).
    pub const ASSOCIATED_TENANT_SIGN_IN_REQUIRED: &str = "associated_tenant_sign_in_required";
    pub const PROGRAMME_HIDDEN: &str = "programme_hidden";
    pub const IDEMPOTENCY_KEY_REQUIRED: &str = "idempotency_key_required";
    pub const IDEMPOTENCY_KEY_INVALID: &str = "idempotency_key_invalid";
    pub const IDEMPOTENCY_KEY_REUSED: &str = "idempotency_key_reused";
    pub const IDEMPOTENCY_IN_PROGRESS: &str = "idempotency_request_in_progress";
    pub const IF_MATCH_REQUIRED: &str = "if_match_required";
    pub const VERSION_MISMATCH: &str = "version_mismatch";
    pub const TENANT_CREDENTIALS_INVALID: &str = "tenant_credentials_invalid";
    pub const TENANT_ALREADY_ASSOCIATED: &str = "tenant_already_associated";
    pub const TENANT_ASSOCIATION_EXPIRED: &str = "tenant_association_expired";
    pub const TENANT_IS_SIGNED_IN: &str = "tenant_is_signed_in";
    pub const HOME_TENANT: &str = "home_tenant_not_removable";
    pub const TOO_MANY_ATTEMPTS: &str = "too_many_attempts";
    /// Sign-in refused (429 with `Retry-After`) after too many failed attempts
    /// for the account or from the client address.
    pub const TOO_MANY_SIGN_IN_ATTEMPTS: &str = "too_many_sign_in_attempts";
    /// `GET /health`: the database cannot be reached (503).
    pub const DATABASE_UNAVAILABLE: &str = "database_unavailable";
    pub const CONTACT_NOT_FOUND: &str = "contact_not_found";
    pub const LAST_CONTACT: &str = "last_contact_required";
    pub const UNKNOWN_USER: &str = "unknown_user";
    /// A technical case cannot move to that status (now, or by this party).
    pub const CASE_TRANSITION_NOT_ALLOWED: &str = "case_transition_not_allowed";
    /// Notes are only for open technical cases.
    pub const CASE_NOT_OPEN: &str = "case_not_open";
    /// Team operations need the Rewards team role.
    pub const REWARDS_TEAM_REQUIRED: &str = "rewards_team_required";
    /// The Rewards team's demo account cannot use the partner operations.
    pub const PARTNER_ACCOUNT_REQUIRED: &str = "partner_account_required";
    pub const INTERNAL: &str = "internal_error";
}

// ---------------------------------------------------------------------------
// Session and identity
// ---------------------------------------------------------------------------

/// `POST /api/v1/session` body: `{"email", "password"}`.
pub type SignInRequest = crate::validate::SignInInput;

/// `201` answer to sign-in. Send `Authorization: Bearer <token>` afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInResponse {
    pub token: String,
    pub expires_at: Timestamp,
    pub me: MeResponse,
}

/// A user of the partner account as listed to other users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserSummary {
    pub id: String,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<Role>,
}

/// `GET /api/v1/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeResponse {
    pub user: UserSummary,
    pub company: Company,
    /// Tenant domain the user signed in through.
    pub tenant: String,
    /// False while `tenant` is not associated with the company's PGA: the
    /// programme is hidden and rewards routes answer `programme_hidden`.
    pub programme_visible: bool,
    pub can_manage_rewards: bool,
    pub can_manage_tenants: bool,
    /// Display names of the users who may manage rewards ("ask one of them").
    pub reward_managers: Vec<String>,
    /// Display names of the users who may associate tenants.
    pub tenant_managers: Vec<String>,
}

/// `GET /api/v1/session`: whether the request carries a live session, without a 401
/// (so a signed-out page load is not an error).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionStatus {
    pub signed_in: bool,
    pub me: Option<MeResponse>,
}

/// `GET /api/v1/users`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsersResponse {
    pub users: Vec<UserSummary>,
}

// ---------------------------------------------------------------------------
// Rewards overview
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EligibilitySummary {
    pub eligible: bool,
    /// Empty when eligible.
    pub reasons: Vec<IneligibleReason>,
}

/// A benefit (catalogue entry) that a tier unlocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierUnlock {
    /// Catalogue key, e.g. "social_promotion_spotlight".
    pub key: String,
    pub category: BenefitCategory,
    pub quantity: crate::model::Quantity,
}

/// The next Transact tier and how far away it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NextTierSummary {
    pub tier: Tier,
    pub threshold_cents: i64,
    pub shortfall_cents: i64,
    /// Progress from the current tier's threshold to the next, 0..=10000.
    pub progress_basis_points: u32,
    pub unlocks: Vec<TierUnlock>,
}

/// A publisher profile with its offers and its share of billed sales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublisherProfileOverview {
    pub id: String,
    pub name: String,
    pub seller_id: Option<String>,
    /// Trailing-twelve-month billed sales of this profile (USD cents).
    pub billed_sales_ttm_cents: i64,
    pub offers: Vec<OfferOverview>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferOverview {
    pub offer: Offer,
    /// Live on `as_of`.
    pub live: bool,
    pub billed_sales_ttm_cents: i64,
    /// Who in the company owns the offer, when known.
    pub owner: Option<OfferOwner>,
    /// Day of the Rewards team's first message about the offer, if any.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date, examples("2026-05-01")))]
    pub rewards_contacted_on: Option<Date>,
    /// List and Trial offers: whether the company takes part in the Rewards
    /// team's engagement for this offer (`None` for other offer types).
    pub engagement_opted_in: Option<bool>,
    /// Microsoft 365 apps: monthly active users (the alternative path to a
    /// tier); `None` for other offers.
    pub monthly_active_users: Option<u64>,
}

/// The person in the company who owns an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferOwner {
    pub name: String,
    pub email: Option<String>,
}

/// Benefits of one status, and how many of them are on each tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: BenefitStatus,
    pub count: u32,
    /// Of `count`, sales and marketing benefits.
    pub sales_marketing: u32,
    /// Of `count`, technical benefits.
    pub technical: u32,
}

/// An available benefit whose activate-by date is at most 30 days away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpiringBenefit {
    pub benefit_id: String,
    /// Catalogue key (the SPA shows the localized name).
    pub key: String,
    pub category: BenefitCategory,
    pub offer_name: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, examples("2026-05-01")))]
    pub activate_by: Date,
    /// 0 on the activate-by day itself.
    pub days_left: i64,
}

/// A live offer past the four-week mark without a message from the Rewards
/// team: the partner should contact the offer's owner or open a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfferFollowUp {
    pub offer_id: String,
    pub offer_name: String,
    pub offer_type: OfferType,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, examples("2026-05-01")))]
    pub live_date: Date,
    pub days_live: i64,
    pub owner: Option<OfferOwner>,
}

/// The Microsoft 365 apps' path to a tier (monthly active users).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsersTierSummary {
    /// Highest monthly active users of the company's live Microsoft 365 apps.
    pub monthly_active_users: u64,
    /// The tier those users reach on their own.
    pub tier: Tier,
}

/// Body of `POST /api/v1/benefits/{id}/opt-out`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OptOutRequest {
    pub reason: crate::timeline::OptOutReason,
}

/// Body of `PUT /api/v1/offers/{id}/engagement` (List and Trial offers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OfferEngagementRequest {
    pub opted_in: bool,
}

/// An activated benefit whose one-week contact window has passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverdueActivation {
    pub benefit_id: String,
    /// Catalogue key (the SPA shows the localized name).
    pub key: String,
    pub activated_at: Timestamp,
    pub days_waiting: i64,
}

/// Facts behind the "getting started" checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChecklistFacts {
    pub offer_live: bool,
    pub benefits_viewed: bool,
    pub marketing_contact_assigned: bool,
    pub benefit_activated: bool,
}

/// `GET /api/v1/rewards/overview`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RewardsOverview {
    /// The server's "today" the figures are computed for.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, examples("2026-05-01")))]
    pub as_of: Date,
    pub eligibility: EligibilitySummary,
    /// Current Transact tier; `None` when not eligible.
    pub tier: Option<Tier>,
    /// Trailing-twelve-month billed sales across all profiles (USD cents).
    pub billed_sales_ttm_cents: i64,
    /// `None` at the top tier or when not eligible.
    pub next_tier: Option<NextTierSummary>,
    pub publisher_profiles: Vec<PublisherProfileOverview>,
    /// One entry per [`BenefitStatus`], in `BenefitStatus::ALL` order.
    pub status_counts: Vec<StatusCount>,
    pub overdue_activations: Vec<OverdueActivation>,
    pub checklist: ChecklistFacts,
    /// Available benefits whose activate-by date is at most 30 days away,
    /// soonest first.
    pub expiring_soon: Vec<ExpiringBenefit>,
    /// Live offers past four weeks without a message from the Rewards team.
    pub follow_ups: Vec<OfferFollowUp>,
    /// Set when the company has a live Microsoft 365 app.
    pub users_tier: Option<UsersTierSummary>,
}

// ---------------------------------------------------------------------------
// Benefits
// ---------------------------------------------------------------------------

/// Query of `GET /api/v1/benefits`; all optional. `q` matches the catalogue
/// key and English name, case-insensitively.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitListQuery {
    pub category: Option<BenefitCategory>,
    pub status: Option<BenefitStatus>,
    pub q: Option<String>,
}

/// `GET /api/v1/benefits`. `history` is empty in list items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BenefitListResponse {
    pub benefits: Vec<BenefitListItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BenefitListItem {
    pub benefit: Benefit,
    /// English catalogue name (the SPA localizes by `benefit.key`).
    pub name: String,
    pub offer_name: Option<String>,
    /// What stands in the way of activating it for the signed-in user
    /// (`None` when Activate would succeed now).
    pub activation_blocker: Option<ActivationBlocked>,
    /// Days left to activate when the activate-by date is at most 30 days
    /// away (0 on the day itself); `None` otherwise.
    pub expires_in_days: Option<i64>,
}

/// `GET /api/v1/benefits/{id}` and the answer to an activation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BenefitDetail {
    /// With its full status history.
    pub benefit: Benefit,
    pub name: String,
    pub offer: Option<Offer>,
    /// Whether the signed-in user could activate it now.
    pub can_activate: bool,
    /// What stands in the way (`None` when `can_activate`); the same value
    /// whose `code` a refused activation returns as the problem `code`.
    pub activation_blocker: Option<ActivationBlocked>,
    /// Set while activated: the end of the one-week contact window.
    pub contact_due_by: Option<Timestamp>,
}

// ---------------------------------------------------------------------------
// Marketing contacts
// ---------------------------------------------------------------------------

/// Body of `POST /api/v1/marketing-contacts` and
/// `PUT /api/v1/marketing-contacts/{id}`:
/// `{"user_id", "email", "phone", "preferred_language"}`.
pub type MarketingContactRequest = crate::validate::ContactInput;

/// `GET` (and every mutation of) `/api/v1/marketing-contacts`; `version`
/// equals the `ETag` value without quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarketingContactsResponse {
    pub contacts: Vec<MarketingContact>,
    pub version: u64,
}

// ---------------------------------------------------------------------------
// Technical requests
// ---------------------------------------------------------------------------

/// Body of `POST /api/v1/technical-requests`.
pub type TechnicalRequestCreate = crate::validate::TechnicalRequestInput;

/// `GET /api/v1/technical-requests`, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TechnicalRequestListResponse {
    pub requests: Vec<TechnicalRequest>,
}

/// `201` answer to `POST /api/v1/technical-requests` and `GET …/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TechnicalRequestResponse {
    pub request: TechnicalRequest,
    /// Reply promised by this time (2 business days).
    pub reply_due_by: Timestamp,
    /// Whether that promise was kept (so far).
    pub reply: ReplyState,
    /// Status changes, oldest first; the first is the submission.
    pub timeline: Vec<CaseStatusChange>,
    /// Notes of the partner and the Rewards team, oldest first.
    pub notes: Vec<CaseNote>,
    /// The technical benefit the case draws on, with what is left of it.
    pub benefit: Option<CaseBenefit>,
}

/// The technical benefit a case draws on (`TechnicalRequestResponse.benefit`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseBenefit {
    pub id: String,
    /// Catalogue key, e.g. "presales_deployment_advisory".
    pub key: String,
    pub quantity: Quantity,
    /// Used by resolved cases, in the quantity's unit.
    pub drawn_down: u32,
    /// What is left of a counted quantity; `None` when unlimited.
    pub remaining: Option<u32>,
}

/// Body of `POST /api/v1/technical-requests/{id}/notes` and of the team's
/// `POST /api/v1/team/technical-requests/{id}/notes`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseNoteCreate {
    /// 1–2000 characters after trimming; newlines allowed.
    pub text: String,
}

/// Body of the Rewards team's
/// `POST /api/v1/team/technical-requests/{id}/transitions` (with `If-Match`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseTransitionCreate {
    pub to: RequestStatus,
    /// Required when resolving a case that draws on a benefit: the hours,
    /// incidents or consultations it used (at least 1, at most what is left).
    #[serde(default)]
    pub quantity_used: Option<u32>,
    /// An optional answer to the partner, added as a note with the change.
    #[serde(default)]
    pub note: Option<String>,
}

/// The Rewards team's `GET /api/v1/team/technical-requests`: every company's
/// cases, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamCaseListResponse {
    pub cases: Vec<TeamCaseSummary>,
}

/// One case in the team's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamCaseSummary {
    pub id: String,
    pub case_number: String,
    pub company_name: String,
    pub title: String,
    pub status: RequestStatus,
    pub created_at: Timestamp,
    pub reply_due_by: Timestamp,
    pub reply: ReplyState,
    pub version: u64,
}

// ---------------------------------------------------------------------------
// Tenants
// ---------------------------------------------------------------------------

/// `GET` (and every mutation of) `/api/v1/tenants`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantsResponse {
    pub tenants: Vec<TenantAssociation>,
    pub version: u64,
    /// The tenant the caller is signed in with (cannot be removed).
    pub signed_in_tenant: String,
}

/// Body of `POST /api/v1/tenants/associations`:
/// `{"domain", "username", "password"}`. The password is checked and dropped.
pub type TenantAssociationRequest = crate::validate::TenantCredentialsInput;

/// `201` answer: credentials verified, waiting for the admin to review the
/// organisation and domain and confirm before `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingTenantAssociation {
    pub association_id: String,
    pub organisation: String,
    pub domain: String,
    pub expires_at: Timestamp,
}

// ---------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------

/// `GET /api/v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthResponse {
    /// `ok`.
    pub status: String,
    pub version: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::ErrorCode;

    #[test]
    fn problem_wire_shape() {
        let p = ProblemDetails {
            problem_type: "https://rewards.example/problems/validation-failed".into(),
            title: "Validation failed".into(),
            status: 422,
            detail: "…".into(),
            code: "validation_failed".into(),
            errors: vec![FieldError::new("email", ErrorCode::EmailSameAsAccount)],
        };
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json["type"],
            "https://rewards.example/problems/validation-failed"
        );
        assert_eq!(json["errors"][0]["code"], "email_same_as_account");
        let back: ProblemDetails = serde_json::from_value(json).unwrap();
        assert_eq!(back.errors[0].code, ErrorCode::EmailSameAsAccount);
        let no_errors: ProblemDetails = serde_json::from_str(
            r#"{"type":"t","title":"t","status":404,"detail":"d","code":"not_found"}"#,
        )
        .unwrap();
        assert!(no_errors.errors.is_empty());
    }

    #[test]
    fn benefit_query_rejects_unknown_enum() {
        let q: BenefitListQuery =
            serde_json::from_str(r#"{"category":"technical","status":"in_progress"}"#).unwrap();
        assert_eq!(q.status, Some(BenefitStatus::InProgress));
        assert!(serde_json::from_str::<BenefitListQuery>(r#"{"status":"pending"}"#).is_err());
    }
}
