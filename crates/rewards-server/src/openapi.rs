//! The route table and the OpenAPI 3.1 document, built from the same
//! `routes!` list so they cannot disagree.
//!
//! The shared DTOs live in `rewards-core` (plain serde, built for wasm too),
//! so their schemas are declared here in [`schema`] as mirror types with the
//! same names, fields and serde attributes. Integration tests validate every
//! real response body against these schemas, which keeps them in step.

use crate::routes::{benefits, contacts, meta, rewards, session, technical, tenants};
use crate::state::AppState;
use axum::Router;
use std::sync::Arc;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The serialized document, shared with the `/openapi.json` handler.
#[derive(Clone)]
pub struct OpenApiJson(pub Arc<String>);

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Marketplace Rewards API",
        description = "Reference API of the Marketplace Rewards partner portal.\n\n\
            Errors are RFC 9457 `application/problem+json` documents with a stable `code`.\n\n\
            Every POST, PUT and DELETE requires an `Idempotency-Key` header (428 \
            `idempotency_key_required` when missing). A repeat with the same key and body returns \
            the first successful response with `Idempotent-Replayed: true`; the same key with a \
            different body is 422 `idempotency_key_reused`. Secret fields (passwords) are removed \
            before the request fingerprint is computed. Sign-in responses are never stored.\n\n\
            The marketing-contact and tenant collections carry a version (`ETag: \"<n>\"`); their \
            mutations require `If-Match` (428 when missing, 412 when stale).",
        version = env!("CARGO_PKG_VERSION")
    ),
    modifiers(&Security),
    components(schemas(schema::ProblemDetails, schema::ErrorCode)),
    tags(
        (name = "session", description = "Sign-in and identity"),
        (name = "rewards", description = "Programme overview"),
        (name = "benefits", description = "Benefits and activation"),
        (name = "marketing-contacts", description = "Company marketing contacts"),
        (name = "technical-requests", description = "Technical assistance requests"),
        (name = "tenants", description = "Tenant association"),
        (name = "meta", description = "Service")
    )
)]
struct ApiDoc;

/// Every API route with its documentation, nested under `/api/v1`.
pub fn api_routes() -> OpenApiRouter<AppState> {
    let v1 = OpenApiRouter::new()
        .routes(routes!(
            session::current_session,
            session::sign_in,
            session::sign_out
        ))
        .routes(routes!(session::me))
        .routes(routes!(session::users))
        .routes(routes!(rewards::overview))
        .routes(routes!(benefits::list))
        .routes(routes!(rewards::mark_viewed))
        .routes(routes!(benefits::get))
        .routes(routes!(benefits::activate))
        .routes(routes!(contacts::list, contacts::create))
        .routes(routes!(contacts::replace, contacts::remove))
        .routes(routes!(technical::create, technical::list))
        .routes(routes!(technical::get))
        .routes(routes!(tenants::list))
        .routes(routes!(tenants::start_association))
        .routes(routes!(tenants::confirm_association))
        .routes(routes!(tenants::remove))
        .routes(routes!(meta::openapi))
        .routes(routes!(meta::health));
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1)
}

/// The API router and its OpenAPI document.
pub fn router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    api_routes().split_for_parts()
}

/// The OpenAPI document alone.
pub fn document() -> utoipa::openapi::OpenApi {
    api_routes().into_openapi()
}

/// Schema mirrors of the `rewards_core` wire types (same names and shapes).
#[allow(dead_code)]
pub mod schema {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
    use utoipa::openapi::{RefOr, Schema};
    use utoipa::{PartialSchema, ToSchema};

    /// A calendar day, `YYYY-MM-DD`.
    pub struct Date;
    impl PartialSchema for Date {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
                .examples([serde_json::json!("2026-05-01")])
                .into()
        }
    }
    impl ToSchema for Date {}

    /// A UTC instant, `YYYY-MM-DDTHH:MM:SSZ`.
    pub struct Timestamp;
    impl PartialSchema for Timestamp {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
                .examples([serde_json::json!("2026-05-01T09:30:00Z")])
                .into()
        }
    }
    impl ToSchema for Timestamp {}

    macro_rules! snake_enum {
        ($(#[$m:meta])* $name:ident { $($variant:ident),+ $(,)? }) => {
            $(#[$m])*
            #[derive(ToSchema, serde::Serialize)]
            #[serde(rename_all = "snake_case")]
            pub enum $name { $($variant),+ }
        };
    }

    snake_enum!(Role {
        GlobalAdmin,
        AccountAdmin,
        MpnPartnerAdmin,
        AdminAgent,
        Developer
    });
    snake_enum!(OfferType {
        List,
        Trial,
        Consulting,
        Transact
    });
    snake_enum!(Visibility { Private, Public });
    snake_enum!(BenefitCategory {
        SalesMarketing,
        Technical
    });
    snake_enum!(ConstraintMarker {
        NotForByol,
        RequiresListingOptimization,
        PrivateNeedsPublicListing,
        NotForPrivateOffers,
        CountryAvailability,
        RequiresCoSellReady
    });
    snake_enum!(Tier {
        Publisher,
        Usd500,
        Usd25k,
        Usd50k,
        Usd100k,
        Usd500k,
        Usd1m,
        Usd2m,
        Usd5m
    });
    snake_enum!(QuantityUnit {
        Hours,
        Incidents,
        Consultations,
        Placements,
        Months,
        Posts,
        Sessions
    });
    snake_enum!(BenefitStatus {
        Locked,
        Available,
        Activated,
        InProgress,
        Completed,
        Expired,
        Revoked
    });
    snake_enum!(RevocationReason {
        IllegalActivity,
        FraudulentPurchase,
        OfferDelisted,
        CopyrightOrTrademarkViolation,
        SponsorshipMisuse,
        AccidentalPurchaseCancelled,
        CancelledBeforeUse
    });
    snake_enum!(ActivationMode {
        InPortal,
        EmailInstructions
    });
    snake_enum!(TechnicalPhase {
        Presales,
        Design,
        Deployment,
        AppDevelopment
    });
    snake_enum!(SolutionType { Cloud, Hybrid });
    snake_enum!(RequestStatus {
        Submitted,
        InReview,
        ActionRequired,
        Resolved,
        Closed
    });
    snake_enum!(IneligibleReason {
        NoLiveOffer,
        NoPartnerId
    });
    snake_enum!(ErrorCode {
        Required,
        TooLong,
        TooShort,
        ControlCharacter,
        EmailInvalid,
        EmailTooLong,
        EmailSameAsAccount,
        PhoneInvalid,
        PhoneCountryCodeRequired,
        PhoneTooShort,
        PhoneTooLong,
        LanguageUnsupported,
        DomainInvalid,
        CountryInvalid,
        TimeZoneInvalid,
        PartnerIdInvalid,
        TooManyContacts,
        DuplicateContact,
        NoContacts,
        TooManyItems,
        DuplicateItem,
        ValueNotAllowed
    });

    /// BCP 47 language code.
    #[derive(ToSchema, serde::Serialize)]
    pub enum Language {
        #[serde(rename = "en")]
        En,
        #[serde(rename = "nl")]
        Nl,
        #[serde(rename = "fr")]
        Fr,
        #[serde(rename = "sv")]
        Sv,
        #[serde(rename = "zh-TW")]
        ZhTw,
        #[serde(rename = "zh-CN")]
        ZhCn,
        #[serde(rename = "de")]
        De,
        #[serde(rename = "es")]
        Es,
        #[serde(rename = "it")]
        It,
        #[serde(rename = "ja")]
        Ja,
        #[serde(rename = "ko")]
        Ko,
        #[serde(rename = "pt")]
        Pt,
    }

    /// Where a benefit comes from.
    #[derive(ToSchema)]
    #[serde(tag = "programme", rename_all = "snake_case")]
    pub enum BenefitSource {
        Transact { tier: Tier },
        List,
        Trial,
        Consulting,
    }

    /// How much of a benefit the partner gets.
    #[derive(ToSchema)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    pub enum Quantity {
        Count { n: u32, unit: QuantityUnit },
        Unlimited { unit: QuantityUnit },
        Usd { cents: i64 },
        Included,
    }

    /// Why Activate is not possible; `code` is also the problem code.
    #[derive(ToSchema)]
    #[serde(tag = "code", rename_all = "snake_case")]
    pub enum ActivationBlocked {
        ActivatedByEmail,
        Revoked { reason: Option<RevocationReason> },
        Expired,
        AlreadyActivated,
        NotEligible,
        TierNotReached { required: Tier },
        NotAvailable,
        NotPermitted,
        MarketingContactRequired,
        ConstraintNotMet { marker: ConstraintMarker },
    }

    #[derive(ToSchema)]
    pub struct FieldError {
        pub field: String,
        pub code: ErrorCode,
    }

    /// RFC 9457 problem details.
    #[derive(ToSchema)]
    pub struct ProblemDetails {
        #[serde(rename = "type")]
        pub problem_type: String,
        pub title: String,
        pub status: u16,
        pub detail: String,
        pub code: String,
        pub errors: Vec<FieldError>,
    }

    #[derive(ToSchema)]
    pub struct Company {
        pub partner_global_account_id: String,
        pub partner_id: Option<String>,
        pub name: String,
        pub account_email: String,
        pub home_tenant: String,
    }

    #[derive(ToSchema)]
    pub struct Offer {
        pub id: String,
        pub publisher_profile_id: String,
        pub name: String,
        pub offer_type: OfferType,
        pub live_date: Option<Date>,
        pub visibility: Visibility,
        pub bring_your_own_license: bool,
        pub listing_optimization_completed: bool,
        pub co_sell_ready: bool,
        pub has_public_listing_of_same_solution: bool,
    }

    #[derive(ToSchema)]
    pub struct StatusChange {
        pub from: Option<BenefitStatus>,
        pub to: BenefitStatus,
        pub at: Timestamp,
        pub actor: String,
        pub reason: Option<RevocationReason>,
    }

    #[derive(ToSchema)]
    pub struct Benefit {
        pub id: String,
        pub key: String,
        pub category: BenefitCategory,
        pub source: BenefitSource,
        pub quantity: Quantity,
        pub unlock_tier: Tier,
        pub constraints: Vec<ConstraintMarker>,
        pub offer_id: Option<String>,
        pub activate_by: Option<Date>,
        pub status: BenefitStatus,
        pub status_reason: Option<RevocationReason>,
        pub history: Vec<StatusChange>,
        pub activated_at: Option<Timestamp>,
        pub activation_mode: ActivationMode,
    }

    #[derive(ToSchema)]
    pub struct MarketingContact {
        pub id: String,
        pub user_id: String,
        pub email: String,
        pub phone_e164: String,
        pub preferred_language: Language,
    }

    #[derive(ToSchema)]
    pub struct TechnicalRequest {
        pub id: String,
        pub case_number: String,
        pub phase: TechnicalPhase,
        pub solution_type: SolutionType,
        pub title: String,
        pub description: String,
        pub products: Vec<String>,
        pub phone_e164: String,
        pub country_region: String,
        pub time_zone: String,
        pub language: Language,
        pub preferred_contact_time: String,
        pub status: RequestStatus,
        pub created_at: Timestamp,
        pub created_by: String,
    }

    #[derive(ToSchema)]
    pub struct TenantAssociation {
        pub domain: String,
        pub organisation: String,
        pub associated_at: Timestamp,
        pub is_home: bool,
    }

    /// Sign-in form.
    #[derive(ToSchema)]
    pub struct SignInRequest {
        pub email: String,
        #[schema(format = Password)]
        pub password: String,
    }

    /// Marketing contact form (`phone` with international dial code).
    #[derive(ToSchema)]
    pub struct ContactInput {
        pub user_id: String,
        pub email: String,
        pub phone: String,
        /// BCP 47 code, e.g. "en", "zh-TW".
        pub preferred_language: String,
    }

    /// Technical request form; enum-valued fields are validated per field.
    #[derive(ToSchema)]
    pub struct TechnicalRequestInput {
        /// presales | design | deployment | app_development
        pub phase: String,
        /// cloud | hybrid
        pub solution_type: String,
        pub title: String,
        pub description: String,
        pub products: Vec<String>,
        pub phone: String,
        pub country_region: String,
        pub time_zone: String,
        pub language: String,
        #[schema(required = false)]
        pub preferred_contact_time: String,
    }

    /// Tenant association form: credentials of any user of that tenant.
    #[derive(ToSchema)]
    pub struct TenantCredentialsInput {
        pub domain: String,
        pub username: String,
        #[schema(format = Password)]
        pub password: String,
    }

    #[derive(ToSchema)]
    pub struct UserSummary {
        pub id: String,
        pub display_name: String,
        pub email: String,
        pub roles: Vec<Role>,
    }

    #[derive(ToSchema)]
    pub struct MeResponse {
        pub user: UserSummary,
        pub company: Company,
        pub tenant: String,
        pub programme_visible: bool,
        pub can_manage_rewards: bool,
        pub can_manage_tenants: bool,
        pub reward_managers: Vec<String>,
        pub tenant_managers: Vec<String>,
    }

    #[derive(ToSchema)]
    pub struct SessionStatus {
        pub signed_in: bool,
        pub me: Option<MeResponse>,
    }

    #[derive(ToSchema)]
    pub struct SignInResponse {
        pub token: String,
        pub expires_at: Timestamp,
        pub me: MeResponse,
    }

    #[derive(ToSchema)]
    pub struct UsersResponse {
        pub users: Vec<UserSummary>,
    }

    #[derive(ToSchema)]
    pub struct EligibilitySummary {
        pub eligible: bool,
        pub reasons: Vec<IneligibleReason>,
    }

    #[derive(ToSchema)]
    pub struct TierUnlock {
        pub key: String,
        pub category: BenefitCategory,
        pub quantity: Quantity,
    }

    #[derive(ToSchema)]
    pub struct NextTierSummary {
        pub tier: Tier,
        pub threshold_cents: i64,
        pub shortfall_cents: i64,
        pub progress_basis_points: u32,
        pub unlocks: Vec<TierUnlock>,
    }

    #[derive(ToSchema)]
    pub struct OfferOverview {
        pub offer: Offer,
        pub live: bool,
        pub billed_sales_ttm_cents: i64,
    }

    #[derive(ToSchema)]
    pub struct PublisherProfileOverview {
        pub id: String,
        pub name: String,
        pub seller_id: Option<String>,
        pub billed_sales_ttm_cents: i64,
        pub offers: Vec<OfferOverview>,
    }

    #[derive(ToSchema)]
    pub struct StatusCount {
        pub status: BenefitStatus,
        pub count: u32,
    }

    #[derive(ToSchema)]
    pub struct OverdueActivation {
        pub benefit_id: String,
        pub key: String,
        pub activated_at: Timestamp,
        pub days_waiting: i64,
    }

    #[derive(ToSchema)]
    pub struct ChecklistFacts {
        pub offer_live: bool,
        pub benefits_viewed: bool,
        pub marketing_contact_assigned: bool,
        pub benefit_activated: bool,
    }

    #[derive(ToSchema)]
    pub struct RewardsOverview {
        pub as_of: Date,
        pub eligibility: EligibilitySummary,
        pub tier: Option<Tier>,
        pub billed_sales_ttm_cents: i64,
        pub next_tier: Option<NextTierSummary>,
        pub publisher_profiles: Vec<PublisherProfileOverview>,
        pub status_counts: Vec<StatusCount>,
        pub overdue_activations: Vec<OverdueActivation>,
        pub checklist: ChecklistFacts,
    }

    #[derive(ToSchema)]
    pub struct BenefitListItem {
        pub benefit: Benefit,
        pub name: String,
        pub offer_name: Option<String>,
    }

    #[derive(ToSchema)]
    pub struct BenefitListResponse {
        pub benefits: Vec<BenefitListItem>,
    }

    #[derive(ToSchema)]
    pub struct BenefitDetail {
        pub benefit: Benefit,
        pub name: String,
        pub offer: Option<Offer>,
        pub can_activate: bool,
        pub activation_blocker: Option<ActivationBlocked>,
        pub contact_due_by: Option<Timestamp>,
    }

    #[derive(ToSchema)]
    pub struct MarketingContactsResponse {
        pub contacts: Vec<MarketingContact>,
        pub version: u64,
    }

    #[derive(ToSchema)]
    pub struct TechnicalRequestListResponse {
        pub requests: Vec<TechnicalRequest>,
    }

    #[derive(ToSchema)]
    pub struct TechnicalRequestResponse {
        pub request: TechnicalRequest,
        pub reply_due_by: Timestamp,
    }

    #[derive(ToSchema)]
    pub struct TenantsResponse {
        pub tenants: Vec<TenantAssociation>,
        pub version: u64,
        pub signed_in_tenant: String,
    }

    #[derive(ToSchema)]
    pub struct PendingTenantAssociation {
        pub association_id: String,
        pub organisation: String,
        pub domain: String,
        pub expires_at: Timestamp,
    }

    #[derive(ToSchema)]
    pub struct HealthResponse {
        pub status: String,
        pub version: String,
    }
}

#[cfg(test)]
mod tests {
    use super::schema;
    use serde::Serialize;

    fn names<T: Serialize>(all: impl IntoIterator<Item = T>) -> Vec<String> {
        all.into_iter()
            .map(|v| {
                serde_json::to_value(v)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    /// The mirror enums list exactly the core's wire names.
    #[test]
    fn enum_mirrors_match_core() {
        use rewards_core::model as m;
        assert_eq!(
            names(m::Role::ALL),
            names([
                schema::Role::GlobalAdmin,
                schema::Role::AccountAdmin,
                schema::Role::MpnPartnerAdmin,
                schema::Role::AdminAgent,
                schema::Role::Developer
            ])
        );
        let doc = serde_json::to_value(super::document()).unwrap();
        let enum_of = |name: &str| -> Vec<String> {
            doc["components"]["schemas"][name]["enum"]
                .as_array()
                .unwrap_or_else(|| panic!("{name} has no enum"))
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(enum_of("Role"), names(m::Role::ALL));
        assert_eq!(enum_of("OfferType"), names(m::OfferType::ALL));
        assert_eq!(enum_of("ConstraintMarker"), names(m::ConstraintMarker::ALL));
        assert_eq!(enum_of("BenefitStatus"), names(m::BenefitStatus::ALL));
        assert_eq!(enum_of("RevocationReason"), names(m::RevocationReason::ALL));
        assert_eq!(enum_of("Language"), names(m::Language::ALL));
        assert_eq!(enum_of("TechnicalPhase"), names(m::TechnicalPhase::ALL));
        assert_eq!(enum_of("SolutionType"), names(m::SolutionType::ALL));
        assert_eq!(enum_of("Tier"), names(rewards_core::tier::Tier::ALL));
    }
}
