//! Domain types shared by the SPA and the API server.
//!
//! Enums serialize as snake_case strings and have no catch-all variant, so an
//! unknown value from the wire is a deserialization error, not silent data.
//! Identifiers are opaque strings chosen by the server.

use crate::date::{Date, Timestamp};
use crate::tier::Tier;
use serde::{Deserialize, Serialize};

/// Partner Center roles that matter to the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    GlobalAdmin,
    AccountAdmin,
    MpnPartnerAdmin,
    AdminAgent,
    /// Sees everything read-only.
    Developer,
    /// The Marketplace Rewards team (not a partner role): moves technical
    /// cases through their statuses and answers them, through the API only.
    RewardsTeam,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::GlobalAdmin,
        Role::AccountAdmin,
        Role::MpnPartnerAdmin,
        Role::AdminAgent,
        Role::Developer,
        Role::RewardsTeam,
    ];

    /// Works for the programme rather than a partner.
    pub fn is_rewards_team(self) -> bool {
        self == Role::RewardsTeam
    }

    /// May assign contacts, activate benefits and submit requests.
    pub fn can_manage_rewards(self) -> bool {
        matches!(
            self,
            Role::MpnPartnerAdmin | Role::GlobalAdmin | Role::AdminAgent
        )
    }

    /// May associate and remove Azure AD tenants of the PGA.
    pub fn can_manage_tenants(self) -> bool {
        matches!(self, Role::GlobalAdmin | Role::AccountAdmin)
    }
}

/// Whether any of `roles` may manage rewards.
pub fn any_can_manage_rewards(roles: &[Role]) -> bool {
    roles.iter().any(|r| r.can_manage_rewards())
}

/// Whether any of `roles` may manage tenants.
pub fn any_can_manage_tenants(roles: &[Role]) -> bool {
    roles.iter().any(|r| r.can_manage_tenants())
}

/// Roles that may manage rewards, for "ask one of these people" hints.
pub fn reward_manager_roles() -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|r| r.can_manage_rewards())
        .collect()
}

/// A signed-in (or listed) user of the partner account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<Role>,
    /// Azure AD tenant domain the user signs in through.
    pub tenant: String,
}

impl User {
    pub fn can_manage_rewards(&self) -> bool {
        any_can_manage_rewards(&self.roles)
    }

    pub fn can_manage_tenants(&self) -> bool {
        any_can_manage_tenants(&self.roles)
    }

    pub fn is_rewards_team(&self) -> bool {
        self.roles.iter().any(|r| r.is_rewards_team())
    }
}

/// The partner company (its Partner Global Account).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Company {
    pub partner_global_account_id: String,
    /// MPN ID (digits). `None` when the company has not enrolled yet, which
    /// makes it ineligible.
    pub partner_id: Option<String>,
    pub name: String,
    /// The Partner Center account email; marketing contacts must differ.
    pub account_email: String,
    /// Tenant domain used to create the PGA (cannot be removed).
    pub home_tenant: String,
}

/// A publisher profile linked to the PGA; tiers add up across all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublisherProfile {
    pub id: String,
    pub name: String,
    pub seller_id: Option<String>,
}

/// Marketplace offer types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OfferType {
    /// "Contact me" listing.
    List,
    /// Free trial.
    Trial,
    /// Proof of concept, implementation or workshop.
    Consulting,
    /// Sold through the marketplace.
    Transact,
}

impl OfferType {
    pub const ALL: [OfferType; 4] = [
        OfferType::List,
        OfferType::Trial,
        OfferType::Consulting,
        OfferType::Transact,
    ];
}

/// Whether the offer is visible to everyone or only to named customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Private,
    Public,
}

/// A marketplace offer. The boolean flags are exactly what the constraint
/// markers of the benefit tables test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Offer {
    pub id: String,
    pub publisher_profile_id: String,
    pub name: String,
    pub offer_type: OfferType,
    /// Day the offer went live; `None` while unpublished.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date, examples("2026-05-01")))]
    pub live_date: Option<Date>,
    pub visibility: Visibility,
    /// `+`: BYOL offers are excluded from some benefits.
    pub bring_your_own_license: bool,
    /// `#`: listing optimization has been completed.
    pub listing_optimization_completed: bool,
    /// `**`: the listing is co-sell ready.
    pub co_sell_ready: bool,
    /// `♦`: a private offer also has a public listing of the same solution.
    pub has_public_listing_of_same_solution: bool,
}

impl Offer {
    /// Live on `today` (went live on or before it).
    pub fn is_live(&self, today: Date) -> bool {
        self.live_date.is_some_and(|d| d <= today)
    }
}

/// Benefit tabs of the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BenefitCategory {
    /// Needs a company marketing contact before activation.
    SalesMarketing,
    /// Requested through the technical request form.
    Technical,
}

/// Footnote markers of the benefit tables; each one is an activation rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConstraintMarker {
    /// `+` not for bring-your-own-license offers.
    NotForByol,
    /// `#` requires completed listing optimization.
    RequiresListingOptimization,
    /// `♦` a private offer needs a public listing of the same solution.
    PrivateNeedsPublicListing,
    /// `▲` not for private offers.
    NotForPrivateOffers,
    /// `^` subject to country availability (informational: not checkable here).
    CountryAvailability,
    /// `**` requires a co-sell-ready listing.
    RequiresCoSellReady,
}

impl ConstraintMarker {
    pub const ALL: [ConstraintMarker; 6] = [
        ConstraintMarker::NotForByol,
        ConstraintMarker::RequiresListingOptimization,
        ConstraintMarker::PrivateNeedsPublicListing,
        ConstraintMarker::NotForPrivateOffers,
        ConstraintMarker::CountryAvailability,
        ConstraintMarker::RequiresCoSellReady,
    ];

    /// The footnote symbol used in the programme tables.
    pub fn symbol(self) -> &'static str {
        match self {
            ConstraintMarker::NotForByol => "+",
            ConstraintMarker::RequiresListingOptimization => "#",
            ConstraintMarker::PrivateNeedsPublicListing => "♦",
            ConstraintMarker::NotForPrivateOffers => "▲",
            ConstraintMarker::CountryAvailability => "^",
            ConstraintMarker::RequiresCoSellReady => "**",
        }
    }

    /// Whether `offer` satisfies this marker. Country availability cannot be
    /// decided from offer data, so it never blocks (the UI shows the note).
    pub fn is_met_by(self, offer: &Offer) -> bool {
        match self {
            ConstraintMarker::NotForByol => !offer.bring_your_own_license,
            ConstraintMarker::RequiresListingOptimization => offer.listing_optimization_completed,
            ConstraintMarker::PrivateNeedsPublicListing => {
                offer.visibility == Visibility::Public || offer.has_public_listing_of_same_solution
            }
            ConstraintMarker::NotForPrivateOffers => offer.visibility == Visibility::Public,
            ConstraintMarker::CountryAvailability => true,
            ConstraintMarker::RequiresCoSellReady => offer.co_sell_ready,
        }
    }

    /// Whether checking this marker needs an offer at all.
    pub fn needs_offer(self) -> bool {
        self != ConstraintMarker::CountryAvailability
    }
}

/// Where a benefit comes from, shown as e.g. "Transact – $1M" or "Trial".
/// JSON: `{"programme": "transact", "tier": "usd1m"}` or `{"programme": "trial"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "programme", rename_all = "snake_case")]
pub enum BenefitSource {
    Transact { tier: Tier },
    List,
    Trial,
    Consulting,
}

impl BenefitSource {
    /// Source for a benefit granted because of an offer of `offer_type`.
    pub fn for_offer_type(offer_type: OfferType, tier: Tier) -> BenefitSource {
        match offer_type {
            OfferType::List => BenefitSource::List,
            OfferType::Trial => BenefitSource::Trial,
            OfferType::Consulting => BenefitSource::Consulting,
            OfferType::Transact => BenefitSource::Transact { tier },
        }
    }
}

/// Code-level units; the SPA localizes them ("50 hours", "50 uur").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuantityUnit {
    Hours,
    Incidents,
    Consultations,
    Placements,
    Months,
    Posts,
    Sessions,
}

/// How much of a benefit the partner gets.
/// JSON: `{"kind": "count", "n": 50, "unit": "hours"}`, `{"kind": "unlimited",
/// "unit": "incidents"}`, `{"kind": "usd", "cents": 500000}`, `{"kind": "included"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Quantity {
    Count {
        n: u32,
        unit: QuantityUnit,
    },
    Unlimited {
        unit: QuantityUnit,
    },
    /// Azure sponsorship credit in USD cents.
    Usd {
        cents: i64,
    },
    /// A service or resource without a countable amount (e.g. a toolkit).
    Included,
}

/// Benefit life cycle; see [`crate::status`] for the allowed transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BenefitStatus {
    /// Tier not reached yet.
    Locked,
    Available,
    /// Waiting for the Rewards team (one-week contact window).
    Activated,
    InProgress,
    Completed,
    /// Past its activate-by date.
    Expired,
    /// Withdrawn, with a [`RevocationReason`].
    Revoked,
}

impl BenefitStatus {
    pub const ALL: [BenefitStatus; 7] = [
        BenefitStatus::Locked,
        BenefitStatus::Available,
        BenefitStatus::Activated,
        BenefitStatus::InProgress,
        BenefitStatus::Completed,
        BenefitStatus::Expired,
        BenefitStatus::Revoked,
    ];
}

/// Why a benefit was revoked (shown as the status reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RevocationReason {
    /// Illegal activity through the listing.
    IllegalActivity,
    /// Known or suspected fraudulent purchase.
    FraudulentPurchase,
    /// The offer was delisted.
    OfferDelisted,
    /// Copyright or trademark violation.
    CopyrightOrTrademarkViolation,
    /// Misuse of Azure sponsorship (internal operations, cryptocurrency mining).
    SponsorshipMisuse,
    /// Customer bought by accident and cancelled.
    AccidentalPurchaseCancelled,
    /// Customer cancelled before using the product.
    CancelledBeforeUse,
}

impl RevocationReason {
    pub const ALL: [RevocationReason; 7] = [
        RevocationReason::IllegalActivity,
        RevocationReason::FraudulentPurchase,
        RevocationReason::OfferDelisted,
        RevocationReason::CopyrightOrTrademarkViolation,
        RevocationReason::SponsorshipMisuse,
        RevocationReason::AccidentalPurchaseCancelled,
        RevocationReason::CancelledBeforeUse,
    ];
}

/// How a benefit is activated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivationMode {
    /// The partner presses Activate in the portal.
    InPortal,
    /// Instructions arrive by email once unlocked (Azure sponsorship).
    EmailInstructions,
}

/// One recorded status change (audit history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    /// `None` for the record that created the benefit.
    pub from: Option<BenefitStatus>,
    pub to: BenefitStatus,
    pub at: Timestamp,
    /// User id, or a system actor such as "system".
    pub actor: String,
    pub reason: Option<RevocationReason>,
    /// Why the change happened, when the rules or an opt-out made it
    /// (absent in records written before causes were kept).
    #[serde(default)]
    pub cause: Option<crate::timeline::ChangeCause>,
}

/// A benefit granted to the company (usually for one offer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Benefit {
    pub id: String,
    /// Stable catalogue key, e.g. "press_release_support".
    pub key: String,
    pub category: BenefitCategory,
    pub source: BenefitSource,
    pub quantity: Quantity,
    pub unlock_tier: Tier,
    pub constraints: Vec<ConstraintMarker>,
    pub offer_id: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date, examples("2026-05-01")))]
    pub activate_by: Option<Date>,
    pub status: BenefitStatus,
    /// Set while the status is [`BenefitStatus::Revoked`].
    pub status_reason: Option<RevocationReason>,
    pub history: Vec<StatusChange>,
    pub activated_at: Option<Timestamp>,
    pub activation_mode: ActivationMode,
    /// Technical benefits: the quantity used by resolved technical cases, in
    /// the unit of `quantity` (0 for every other benefit). Remaining:
    /// [`Benefit::remaining`].
    #[serde(default)]
    pub drawn_down: u32,
}

impl Benefit {
    /// What is left of a counted quantity after the draw-down (`Some(0)` when
    /// used up); `None` for unlimited, money and included quantities.
    pub fn remaining(&self) -> Option<u32> {
        match self.quantity {
            Quantity::Count { n, .. } => Some(n.saturating_sub(self.drawn_down)),
            _ => None,
        }
    }
}

/// Preferred contact languages for marketing contacts and technical requests.
///
/// The five UI languages (en, nl, fr, sv, zh-TW) plus the other languages
/// the Rewards team commonly serves: de, es, it, ja, ko, pt, zh-CN. JSON uses
/// BCP 47 codes ("en", "zh-TW").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

impl Language {
    pub const ALL: [Language; 12] = [
        Language::En,
        Language::Nl,
        Language::Fr,
        Language::Sv,
        Language::ZhTw,
        Language::ZhCn,
        Language::De,
        Language::Es,
        Language::It,
        Language::Ja,
        Language::Ko,
        Language::Pt,
    ];

    /// BCP 47 code, identical to the serde name.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Nl => "nl",
            Language::Fr => "fr",
            Language::Sv => "sv",
            Language::ZhTw => "zh-TW",
            Language::ZhCn => "zh-CN",
            Language::De => "de",
            Language::Es => "es",
            Language::It => "it",
            Language::Ja => "ja",
            Language::Ko => "ko",
            Language::Pt => "pt",
        }
    }

    /// Lenient lookup: case-insensitive, `_` accepted for `-` ("zh_tw").
    pub fn from_code(code: &str) -> Option<Language> {
        let wanted = code.trim().replace('_', "-");
        Language::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(&wanted))
    }
}

/// A company marketing contact (1 to 3 per company).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarketingContact {
    pub id: String,
    /// The account user assigned as contact.
    pub user_id: String,
    /// Must differ from the company account email.
    pub email: String,
    pub phone_e164: String,
    pub preferred_language: Language,
}

/// Phase of the solution the technical request is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TechnicalPhase {
    Presales,
    Design,
    Deployment,
    AppDevelopment,
}

impl TechnicalPhase {
    pub const ALL: [TechnicalPhase; 4] = [
        TechnicalPhase::Presales,
        TechnicalPhase::Design,
        TechnicalPhase::Deployment,
        TechnicalPhase::AppDevelopment,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SolutionType {
    Cloud,
    Hybrid,
}

impl SolutionType {
    pub const ALL: [SolutionType; 2] = [SolutionType::Cloud, SolutionType::Hybrid];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Submitted,
    InReview,
    /// The Rewards team waits for the partner (answer with a note).
    ActionRequired,
    InProgress,
    Resolved,
    Closed,
    /// Withdrawn by the partner before the team picked it up.
    Cancelled,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 7] = [
        RequestStatus::Submitted,
        RequestStatus::InReview,
        RequestStatus::ActionRequired,
        RequestStatus::InProgress,
        RequestStatus::Resolved,
        RequestStatus::Closed,
        RequestStatus::Cancelled,
    ];
}

/// A submitted technical assistance request (reply within 2 business days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TechnicalRequest {
    pub id: String,
    pub case_number: String,
    pub phase: TechnicalPhase,
    pub solution_type: SolutionType,
    pub title: String,
    pub description: String,
    pub products: Vec<String>,
    pub phone_e164: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub country_region: String,
    /// IANA time zone name, e.g. "Europe/Amsterdam".
    pub time_zone: String,
    pub language: Language,
    /// Free text such as "weekdays 9:00–12:00"; may be empty.
    pub preferred_contact_time: String,
    pub status: RequestStatus,
    pub created_at: Timestamp,
    /// User id of the submitter.
    pub created_by: String,
    /// The technical benefit the case draws on (see [`crate::case::draws_on`]);
    /// `None` when no usable technical benefit fits the phase.
    #[serde(default)]
    pub benefit_id: Option<String>,
    /// What resolving the case used of that benefit (hours, incidents or
    /// consultations, in the benefit's unit); set when the team resolves it.
    #[serde(default)]
    pub quantity_used: Option<u32>,
    /// Counts status changes; the `ETag` of the case (`If-Match` on cancel
    /// and on the team's transitions).
    #[serde(default)]
    pub version: u64,
}

/// Who wrote a case note or changed a case's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseParty {
    /// A user of the partner company.
    Partner,
    /// The Marketplace Rewards team.
    RewardsTeam,
}

/// One status change of a technical case (the case page's timeline).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseStatusChange {
    /// `None` for the record of the submission.
    pub from: Option<RequestStatus>,
    pub to: RequestStatus,
    pub at: Timestamp,
    /// Display name of who made the change.
    pub actor: String,
    pub party: CaseParty,
}

/// A note on a technical case, from the partner or the Rewards team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseNote {
    pub at: Timestamp,
    /// Display name of the author.
    pub author: String,
    pub party: CaseParty,
    /// Plain text, stored as written (trimmed); render as text.
    pub text: String,
}

/// An Azure AD tenant associated with the PGA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantAssociation {
    /// Lower-case domain, e.g. "contoso.onmicrosoft.com".
    pub domain: String,
    pub organisation: String,
    pub associated_at: Timestamp,
    /// The tenant used to create the PGA; it cannot be removed.
    pub is_home: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;
    use std::fmt::Debug;

    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(value: &T) -> String {
        let json = serde_json::to_string(value).unwrap();
        assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), value, "{json}");
        json
    }

    #[test]
    fn enum_wire_names() {
        assert_eq!(round_trip(&Role::MpnPartnerAdmin), "\"mpn_partner_admin\"");
        assert_eq!(
            round_trip(&BenefitCategory::SalesMarketing),
            "\"sales_marketing\""
        );
        assert_eq!(round_trip(&BenefitStatus::InProgress), "\"in_progress\"");
        assert_eq!(round_trip(&Language::ZhTw), "\"zh-TW\"");
        assert_eq!(
            round_trip(&TechnicalPhase::AppDevelopment),
            "\"app_development\""
        );
        assert_eq!(
            round_trip(&RequestStatus::ActionRequired),
            "\"action_required\""
        );
        assert_eq!(round_trip(&RequestStatus::InProgress), "\"in_progress\"");
        assert_eq!(round_trip(&RequestStatus::Cancelled), "\"cancelled\"");
        assert_eq!(round_trip(&CaseParty::RewardsTeam), "\"rewards_team\"");
        assert_eq!(
            round_trip(&RevocationReason::CopyrightOrTrademarkViolation),
            "\"copyright_or_trademark_violation\""
        );
        assert_eq!(
            round_trip(&ConstraintMarker::PrivateNeedsPublicListing),
            "\"private_needs_public_listing\""
        );
        assert_eq!(
            round_trip(&ActivationMode::EmailInstructions),
            "\"email_instructions\""
        );
    }

    #[test]
    fn all_enum_values_round_trip() {
        Role::ALL.iter().for_each(|v| drop(round_trip(v)));
        Language::ALL.iter().for_each(|v| drop(round_trip(v)));
        BenefitStatus::ALL.iter().for_each(|v| drop(round_trip(v)));
        RevocationReason::ALL
            .iter()
            .for_each(|v| drop(round_trip(v)));
        ConstraintMarker::ALL
            .iter()
            .for_each(|v| drop(round_trip(v)));
        OfferType::ALL.iter().for_each(|v| drop(round_trip(v)));
        TechnicalPhase::ALL.iter().for_each(|v| drop(round_trip(v)));
        RequestStatus::ALL.iter().for_each(|v| drop(round_trip(v)));
        Tier::ALL.iter().for_each(|v| drop(round_trip(v)));
    }

    #[test]
    fn unknown_enum_values_fail() {
        assert!(serde_json::from_str::<Role>("\"super_admin\"").is_err());
        assert!(serde_json::from_str::<Role>("\"GlobalAdmin\"").is_err());
        assert!(serde_json::from_str::<BenefitStatus>("\"pending\"").is_err());
        assert!(serde_json::from_str::<Language>("\"zh-tw\"").is_err());
        assert!(serde_json::from_str::<Language>("\"xx\"").is_err());
        assert!(serde_json::from_str::<OfferType>("\"saas\"").is_err());
        assert!(serde_json::from_str::<RevocationReason>("\"other\"").is_err());
        assert!(serde_json::from_str::<ConstraintMarker>("\"+\"").is_err());
        assert!(serde_json::from_str::<BenefitSource>(r#"{"programme":"saas"}"#).is_err());
        assert!(serde_json::from_str::<Quantity>(r#"{"kind":"gallons","n":1}"#).is_err());
        assert!(serde_json::from_str::<BenefitSource>(
            r#"{"programme":"transact","tier":"usd4m"}"#
        )
        .is_err());
    }

    #[test]
    fn tagged_enums_shape() {
        let src = BenefitSource::Transact { tier: Tier::Usd1m };
        assert_eq!(
            round_trip(&src),
            r#"{"programme":"transact","tier":"usd1m"}"#
        );
        assert_eq!(
            round_trip(&BenefitSource::Trial),
            r#"{"programme":"trial"}"#
        );
        let q = Quantity::Count {
            n: 50,
            unit: QuantityUnit::Hours,
        };
        assert_eq!(round_trip(&q), r#"{"kind":"count","n":50,"unit":"hours"}"#);
        assert_eq!(
            round_trip(&Quantity::Usd { cents: 500_000 }),
            r#"{"kind":"usd","cents":500000}"#
        );
        round_trip(&Quantity::Unlimited {
            unit: QuantityUnit::Incidents,
        });
        round_trip(&Quantity::Included);
    }

    #[test]
    fn roles() {
        let managers: Vec<Role> = reward_manager_roles();
        assert_eq!(
            managers,
            vec![Role::GlobalAdmin, Role::MpnPartnerAdmin, Role::AdminAgent]
        );
        assert!(!Role::Developer.can_manage_rewards() && !Role::Developer.can_manage_tenants());
        assert!(
            !Role::AccountAdmin.can_manage_rewards() && Role::AccountAdmin.can_manage_tenants()
        );
        assert!(any_can_manage_rewards(&[Role::Developer, Role::AdminAgent]));
        assert!(!any_can_manage_tenants(&[]));
    }

    #[test]
    fn language_codes() {
        for l in Language::ALL {
            assert_eq!(Language::from_code(l.code()), Some(l));
            assert_eq!(
                serde_json::to_string(&l).unwrap(),
                format!("\"{}\"", l.code())
            );
        }
        assert_eq!(Language::from_code(" zh_tw "), Some(Language::ZhTw));
        assert_eq!(Language::from_code("EN"), Some(Language::En));
        assert_eq!(Language::from_code("klingon"), None);
    }

    fn offer() -> Offer {
        Offer {
            id: "o".into(),
            publisher_profile_id: "p".into(),
            name: "Contoso Analytics".into(),
            offer_type: OfferType::Transact,
            live_date: Date::new(2024, 1, 10),
            visibility: Visibility::Public,
            bring_your_own_license: false,
            listing_optimization_completed: true,
            co_sell_ready: true,
            has_public_listing_of_same_solution: false,
        }
    }

    #[test]
    fn markers_against_offers() {
        let good = offer();
        assert!(ConstraintMarker::ALL.iter().all(|m| m.is_met_by(&good)));
        let private = Offer {
            visibility: Visibility::Private,
            ..offer()
        };
        assert!(!ConstraintMarker::NotForPrivateOffers.is_met_by(&private));
        assert!(!ConstraintMarker::PrivateNeedsPublicListing.is_met_by(&private));
        let private_with_public = Offer {
            has_public_listing_of_same_solution: true,
            ..private.clone()
        };
        assert!(ConstraintMarker::PrivateNeedsPublicListing.is_met_by(&private_with_public));
        let byol = Offer {
            bring_your_own_license: true,
            ..offer()
        };
        assert!(!ConstraintMarker::NotForByol.is_met_by(&byol));
        assert_eq!(ConstraintMarker::RequiresCoSellReady.symbol(), "**");
    }

    #[test]
    fn offer_liveness() {
        let o = offer();
        assert!(o.is_live(Date::new(2024, 1, 10).unwrap()));
        assert!(!o.is_live(Date::new(2024, 1, 9).unwrap()));
        assert!(!Offer {
            live_date: None,
            ..offer()
        }
        .is_live(Date::MAX));
        round_trip(&o);
    }
}
