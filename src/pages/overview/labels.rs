//! Localized names for the codes the overview API returns.

use js_sys::{Array, Intl, Object, Reflect};
use leptos_i18n::Locale as _;
use rewards_core::eligibility::IneligibleReason;
use rewards_core::model::{BenefitCategory, BenefitStatus, OfferType};
use rewards_core::tier::Tier;
use wasm_bindgen::JsValue;

use crate::i18n::{t_string, I18n, Locale};

/// A tier as partners know it: "Publisher", or its threshold in compact
/// money for the locale ("$50K", "50 k $", "$5萬").
pub fn tier_name(i18n: I18n, tier: Tier) -> String {
    match tier {
        Tier::Publisher => t_string!(i18n, overview.tiers.publisher).to_owned(),
        other => compact_money(i18n.get_locale(), other.threshold_cents()),
    }
}

/// Whole US dollars from cents in the locale's compact notation.
fn compact_money(locale: Locale, cents: i64) -> String {
    let opts = Object::new();
    for (key, value) in [
        ("style", JsValue::from_str("currency")),
        ("currency", JsValue::from_str("USD")),
        ("currencyDisplay", JsValue::from_str("narrowSymbol")),
        ("notation", JsValue::from_str("compact")),
        ("maximumFractionDigits", JsValue::from_f64(1.0)),
    ] {
        let _ = Reflect::set(&opts, &JsValue::from_str(key), &value);
    }
    let dollars = (cents / 100) as f64;
    Intl::NumberFormat::new(&Array::of1(&JsValue::from_str(locale.as_str())), &opts)
        .format()
        .call1(&JsValue::UNDEFINED, &JsValue::from_f64(dollars))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| crate::i18n::format::money(locale, cents))
}

pub fn reason(i18n: I18n, reason: IneligibleReason) -> &'static str {
    match reason {
        IneligibleReason::NoLiveOffer => t_string!(i18n, overview.eligibility.reason_no_live_offer),
        IneligibleReason::NoPartnerId => t_string!(i18n, overview.eligibility.reason_no_partner_id),
    }
}

pub fn status(i18n: I18n, status: BenefitStatus) -> &'static str {
    match status {
        BenefitStatus::Locked => t_string!(i18n, overview.statuses.locked),
        BenefitStatus::Available => t_string!(i18n, overview.statuses.available),
        BenefitStatus::Activated => t_string!(i18n, overview.statuses.activated),
        BenefitStatus::InProgress => t_string!(i18n, overview.statuses.in_progress),
        BenefitStatus::Completed => t_string!(i18n, overview.statuses.completed),
        BenefitStatus::Expired => t_string!(i18n, overview.statuses.expired),
        BenefitStatus::Revoked => t_string!(i18n, overview.statuses.revoked),
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
    let name = match key {
        "market_research_materials" => {
            t_string!(i18n, overview.benefit_names.market_research_materials)
        }
        "self_serve_digital_marketing" => {
            t_string!(i18n, overview.benefit_names.self_serve_digital_marketing)
        }
        "readiness_assessments" => t_string!(i18n, overview.benefit_names.readiness_assessments),
        "listing_optimization" => t_string!(i18n, overview.benefit_names.listing_optimization),
        "listing_optimization_guidance" => {
            t_string!(i18n, overview.benefit_names.listing_optimization_guidance)
        }
        "marketing_toolkit" => t_string!(i18n, overview.benefit_names.marketing_toolkit),
        "whats_new_blog" => t_string!(i18n, overview.benefit_names.whats_new_blog),
        "press_release_support" => t_string!(i18n, overview.benefit_names.press_release_support),
        "rewards_testimonial" => t_string!(i18n, overview.benefit_names.rewards_testimonial),
        "featured_category_placement" => {
            t_string!(i18n, overview.benefit_names.featured_category_placement)
        }
        "blog_feature" => t_string!(i18n, overview.benefit_names.blog_feature),
        "in_depth_customer_review" => {
            t_string!(i18n, overview.benefit_names.in_depth_customer_review)
        }
        "success_story" => t_string!(i18n, overview.benefit_names.success_story),
        "social_promotion_spotlight" => {
            t_string!(i18n, overview.benefit_names.social_promotion_spotlight)
        }
        "featured_home_page_placement" => {
            t_string!(i18n, overview.benefit_names.featured_home_page_placement)
        }
        "guest_blog_post" => t_string!(i18n, overview.benefit_names.guest_blog_post),
        "executive_endorsement" => t_string!(i18n, overview.benefit_names.executive_endorsement),
        "azure_sponsorship_test_drive" => {
            t_string!(i18n, overview.benefit_names.azure_sponsorship_test_drive)
        }
        "azure_sponsorship_deployment" => {
            t_string!(i18n, overview.benefit_names.azure_sponsorship_deployment)
        }
        "co_sell_listing_guidance" => {
            t_string!(i18n, overview.benefit_names.co_sell_listing_guidance)
        }
        "sell_through_partners" => t_string!(i18n, overview.benefit_names.sell_through_partners),
        "seller_webinar" => t_string!(i18n, overview.benefit_names.seller_webinar),
        "solution_spotlight" => t_string!(i18n, overview.benefit_names.solution_spotlight),
        "application_design_review" => {
            t_string!(i18n, overview.benefit_names.application_design_review)
        }
        "presales_deployment_advisory" => {
            t_string!(i18n, overview.benefit_names.presales_deployment_advisory)
        }
        "support_incidents" => t_string!(i18n, overview.benefit_names.support_incidents),
        "partner_marketing_centre" => {
            t_string!(i18n, overview.benefit_names.partner_marketing_centre)
        }
        "engagement_manager" => t_string!(i18n, overview.benefit_names.engagement_manager),
        "onboarding_documentation" => {
            t_string!(i18n, overview.benefit_names.onboarding_documentation)
        }
        "community_forums" => t_string!(i18n, overview.benefit_names.community_forums),
        "developer_subscription" => t_string!(i18n, overview.benefit_names.developer_subscription),
        other => return other.to_owned(),
    };
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use rewards_core::catalog::catalog;

    /// Every catalogue key has a name in the locale file (no raw keys shown).
    #[test]
    fn every_catalogue_key_is_named() {
        let en: serde_json::Value =
            serde_json::from_str(include_str!("../../../locales/en/overview.json")).unwrap();
        for entry in catalog() {
            assert!(
                en["benefit_names"][entry.key].is_string(),
                "no overview.benefit_names.{} in locales/en/overview.json",
                entry.key
            );
        }
    }
}
