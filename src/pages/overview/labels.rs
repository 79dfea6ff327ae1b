//! Localized names for the codes the overview API returns.

use rewards_core::eligibility::IneligibleReason;
use rewards_core::model::{BenefitCategory, OfferType};

use crate::i18n::{t_string, I18n};

pub use crate::i18n::domain::{status_label as status, tier_label as tier_name};

pub fn reason(i18n: I18n, reason: IneligibleReason) -> &'static str {
    match reason {
        IneligibleReason::NoLiveOffer => t_string!(i18n, overview.eligibility.reason_no_live_offer),
        IneligibleReason::NoPartnerId => t_string!(i18n, overview.eligibility.reason_no_partner_id),
    }
}

pub fn offer_type(i18n: I18n, offer_type: OfferType) -> &'static str {
    match offer_type {
        OfferType::List => t_string!(i18n, overview.offers.type_list),
        OfferType::Trial => t_string!(i18n, overview.offers.type_trial),
        OfferType::Consulting => t_string!(i18n, overview.offers.type_consulting),
        OfferType::Transact => t_string!(i18n, overview.offers.type_transact),
    }
}

pub fn category(i18n: I18n, category: BenefitCategory) -> &'static str {
    match category {
        BenefitCategory::SalesMarketing => {
            t_string!(i18n, overview.unlocks.category_sales_marketing)
        }
        BenefitCategory::Technical => t_string!(i18n, overview.unlocks.category_technical),
    }
}

/// The localized name of a catalogue benefit; an unknown (newer) key is
/// shown as-is rather than hidden.
pub fn benefit_name(i18n: I18n, key: &str) -> String {
    crate::i18n::domain::display_name(i18n, key, key)
}
