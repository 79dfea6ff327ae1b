//! Localized words for benefit data: catalogue names, statuses, sources,
//! quantities, conditions, revocation reasons and activation blockers.

use leptos::prelude::*;
use rewards_core::activation::ActivationBlocked;
use rewards_core::model::{
    BenefitSource, BenefitStatus, ConstraintMarker, Quantity, QuantityUnit, RevocationReason,
};

use crate::i18n::{format, t, t_string, I18n};

pub use crate::i18n::domain::{display_name, status_label, tier_label};

/// Wire name of a status (as serde writes it), used as the filter's option
/// value, the `?status=` link value and a CSS modifier.
pub fn status_slug(status: BenefitStatus) -> String {
    crate::api::endpoints::wire_name(&status)
}

pub fn status_from_slug(slug: &str) -> Option<BenefitStatus> {
    BenefitStatus::ALL
        .into_iter()
        .find(|s| status_slug(*s) == slug)
}

/// A status as a badge: text plus a shape, never colour alone.
#[component]
pub fn StatusBadge(status: BenefitStatus) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    view! {
        <span class=format!("status-badge status-badge--{}", status_slug(status))>
            <span class="status-badge__icon" aria-hidden="true"></span>
            {move || status_label(i18n, status)}
        </span>
    }
}

pub fn revocation_label(i18n: I18n, reason: RevocationReason) -> &'static str {
    match reason {
        RevocationReason::IllegalActivity => t_string!(i18n, benefits.revocation.illegal_activity),
        RevocationReason::FraudulentPurchase => {
            t_string!(i18n, benefits.revocation.fraudulent_purchase)
        }
        RevocationReason::OfferDelisted => t_string!(i18n, benefits.revocation.offer_delisted),
        RevocationReason::CopyrightOrTrademarkViolation => {
            t_string!(i18n, benefits.revocation.copyright_or_trademark_violation)
        }
        RevocationReason::SponsorshipMisuse => {
            t_string!(i18n, benefits.revocation.sponsorship_misuse)
        }
        RevocationReason::AccidentalPurchaseCancelled => {
            t_string!(i18n, benefits.revocation.accidental_purchase_cancelled)
        }
        RevocationReason::CancelledBeforeUse => {
            t_string!(i18n, benefits.revocation.cancelled_before_use)
        }
    }
}

pub fn constraint_label(i18n: I18n, marker: ConstraintMarker) -> &'static str {
    match marker {
        ConstraintMarker::NotForByol => t_string!(i18n, benefits.constraint.not_for_byol),
        ConstraintMarker::RequiresListingOptimization => {
            t_string!(i18n, benefits.constraint.requires_listing_optimization)
        }
        ConstraintMarker::PrivateNeedsPublicListing => {
            t_string!(i18n, benefits.constraint.private_needs_public_listing)
        }
        ConstraintMarker::NotForPrivateOffers => {
            t_string!(i18n, benefits.constraint.not_for_private_offers)
        }
        ConstraintMarker::CountryAvailability => {
            t_string!(i18n, benefits.constraint.country_availability)
        }
        ConstraintMarker::RequiresCoSellReady => {
            t_string!(i18n, benefits.constraint.requires_co_sell_ready)
        }
    }
}

/// "Transact – $50K", "Trial", …
pub fn source_view(i18n: I18n, source: BenefitSource) -> AnyView {
    match source {
        BenefitSource::Transact { tier } => {
            let tier = move || tier_label(i18n, tier);
            t!(i18n, benefits.source.transact, tier).into_any()
        }
        BenefitSource::List => t!(i18n, benefits.source.list).into_any(),
        BenefitSource::Trial => t!(i18n, benefits.source.trial).into_any(),
        BenefitSource::Consulting => t!(i18n, benefits.source.consulting).into_any(),
    }
}

/// "50 hours", "Unlimited incidents", "$5,000 Azure credit", "Included".
pub fn quantity_view(i18n: I18n, quantity: Quantity) -> AnyView {
    match quantity {
        Quantity::Included => t!(i18n, benefits.quantity.included).into_any(),
        Quantity::Usd { cents } => {
            let amount = move || format::money(i18n.get_locale(), cents);
            t!(i18n, benefits.quantity.usd, amount).into_any()
        }
        Quantity::Count { n, unit } => {
            let n_text = move || format::number(i18n.get_locale(), i64::from(n));
            count_view(i18n, n == 1, unit, n_text)
        }
        Quantity::Unlimited { unit } => match unit {
            QuantityUnit::Hours => t!(i18n, benefits.quantity.unlimited.hours).into_any(),
            QuantityUnit::Incidents => t!(i18n, benefits.quantity.unlimited.incidents).into_any(),
            QuantityUnit::Consultations => {
                t!(i18n, benefits.quantity.unlimited.consultations).into_any()
            }
            QuantityUnit::Placements => t!(i18n, benefits.quantity.unlimited.placements).into_any(),
            QuantityUnit::Months => t!(i18n, benefits.quantity.unlimited.months).into_any(),
            QuantityUnit::Posts => t!(i18n, benefits.quantity.unlimited.posts).into_any(),
            QuantityUnit::Sessions => t!(i18n, benefits.quantity.unlimited.sessions).into_any(),
        },
    }
}

/// "38 of 50 hours left" for a counted quantity that technical cases draw down; `None` for
/// every other quantity (unlimited, money, included).
pub fn remaining_view(i18n: I18n, quantity: Quantity, remaining: Option<u32>) -> Option<AnyView> {
    let (Quantity::Count { .. }, Some(left)) = (quantity, remaining) else {
        return None;
    };
    let left = move || format::number(i18n.get_locale(), i64::from(left));
    let total = move || quantity_view(i18n, quantity);
    Some(t!(i18n, cases.remaining, left, total).into_any())
}

/// One or several of a unit. Every UI language uses the singular only for
/// exactly one of a count of at least one (Chinese has one form for both).
fn count_view(
    i18n: I18n,
    single: bool,
    unit: QuantityUnit,
    n: impl Fn() -> String + Clone + Send + Sync + 'static,
) -> AnyView {
    if single {
        match unit {
            QuantityUnit::Hours => t!(i18n, benefits.quantity.single.hours, n).into_any(),
            QuantityUnit::Incidents => t!(i18n, benefits.quantity.single.incidents, n).into_any(),
            QuantityUnit::Consultations => {
                t!(i18n, benefits.quantity.single.consultations, n).into_any()
            }
            QuantityUnit::Placements => t!(i18n, benefits.quantity.single.placements, n).into_any(),
            QuantityUnit::Months => t!(i18n, benefits.quantity.single.months, n).into_any(),
            QuantityUnit::Posts => t!(i18n, benefits.quantity.single.posts, n).into_any(),
            QuantityUnit::Sessions => t!(i18n, benefits.quantity.single.sessions, n).into_any(),
        }
    } else {
        match unit {
            QuantityUnit::Hours => t!(i18n, benefits.quantity.plural.hours, n).into_any(),
            QuantityUnit::Incidents => t!(i18n, benefits.quantity.plural.incidents, n).into_any(),
            QuantityUnit::Consultations => {
                t!(i18n, benefits.quantity.plural.consultations, n).into_any()
            }
            QuantityUnit::Placements => t!(i18n, benefits.quantity.plural.placements, n).into_any(),
            QuantityUnit::Months => t!(i18n, benefits.quantity.plural.months, n).into_any(),
            QuantityUnit::Posts => t!(i18n, benefits.quantity.plural.posts, n).into_any(),
            QuantityUnit::Sessions => t!(i18n, benefits.quantity.plural.sessions, n).into_any(),
        }
    }
}

/// Why an activation is not possible, in one sentence.
pub fn blocker_view(i18n: I18n, blocker: ActivationBlocked) -> AnyView {
    match blocker {
        ActivationBlocked::MarketingContactRequired => {
            t!(i18n, benefits.blocked.marketing_contact_required).into_any()
        }
        ActivationBlocked::TierNotReached { required } => {
            let tier = move || tier_label(i18n, required);
            t!(i18n, benefits.blocked.tier_not_reached, tier).into_any()
        }
        ActivationBlocked::ConstraintNotMet { marker } => {
            let condition = move || constraint_label(i18n, marker);
            t!(i18n, benefits.blocked.constraint_not_met, condition).into_any()
        }
        ActivationBlocked::Expired => t!(i18n, benefits.blocked.expired).into_any(),
        ActivationBlocked::Revoked { reason } => view! {
            {t!(i18n, benefits.blocked.revoked)}
            {reason.map(|reason| view! { " " {move || revocation_label(i18n, reason)} "." })}
        }
        .into_any(),
        ActivationBlocked::AlreadyActivated => {
            t!(i18n, benefits.blocked.already_activated).into_any()
        }
        ActivationBlocked::ActivatedByEmail => {
            t!(i18n, benefits.blocked.activated_by_email).into_any()
        }
        ActivationBlocked::NotPermitted => t!(i18n, benefits.blocked.not_permitted).into_any(),
        ActivationBlocked::NotEligible => t!(i18n, benefits.blocked.not_eligible).into_any(),
        ActivationBlocked::NotAvailable => t!(i18n, benefits.blocked.not_available).into_any(),
    }
}

/// The blocker a problem `code` names when no details could be loaded.
pub fn blocker_from_code(code: &str) -> Option<ActivationBlocked> {
    Some(match code {
        "marketing_contact_required" => ActivationBlocked::MarketingContactRequired,
        "expired" => ActivationBlocked::Expired,
        "revoked" => ActivationBlocked::Revoked { reason: None },
        "already_activated" => ActivationBlocked::AlreadyActivated,
        "activated_by_email" => ActivationBlocked::ActivatedByEmail,
        "not_permitted" | "read_only_role" => ActivationBlocked::NotPermitted,
        "not_eligible" => ActivationBlocked::NotEligible,
        "not_available" => ActivationBlocked::NotAvailable,
        _ => return None,
    })
}
