//! Localized names of domain values that several pages show: catalogue
//! benefits, benefit statuses and tiers.

use rewards_core::model::BenefitStatus;
use rewards_core::tier::Tier;

use super::{format, t_string, I18n};

/// The localized catalogue name of `key`, if the key is known.
pub fn benefit_name(i18n: I18n, key: &str) -> Option<&'static str> {
    Some(match key {
        "market_research_materials" => {
            t_string!(i18n, domain.benefit_names.market_research_materials)
        }
        "self_serve_digital_marketing" => {
            t_string!(i18n, domain.benefit_names.self_serve_digital_marketing)
        }
        "readiness_assessments" => t_string!(i18n, domain.benefit_names.readiness_assessments),
        "listing_optimization" => t_string!(i18n, domain.benefit_names.listing_optimization),
        "marketing_toolkit" => t_string!(i18n, domain.benefit_names.marketing_toolkit),
        "whats_new_blog" => t_string!(i18n, domain.benefit_names.whats_new_blog),
        "press_release_support" => t_string!(i18n, domain.benefit_names.press_release_support),
        "rewards_testimonial" => t_string!(i18n, domain.benefit_names.rewards_testimonial),
        "featured_category_placement" => {
            t_string!(i18n, domain.benefit_names.featured_category_placement)
        }
        "blog_feature" => t_string!(i18n, domain.benefit_names.blog_feature),
        "in_depth_customer_review" => {
            t_string!(i18n, domain.benefit_names.in_depth_customer_review)
        }
        "success_story" => t_string!(i18n, domain.benefit_names.success_story),
        "social_promotion_spotlight" => {
            t_string!(i18n, domain.benefit_names.social_promotion_spotlight)
        }
        "featured_home_page_placement" => {
            t_string!(i18n, domain.benefit_names.featured_home_page_placement)
        }
        "guest_blog_post" => t_string!(i18n, domain.benefit_names.guest_blog_post),
        "executive_endorsement" => t_string!(i18n, domain.benefit_names.executive_endorsement),
        "azure_sponsorship_test_drive" => {
            t_string!(i18n, domain.benefit_names.azure_sponsorship_test_drive)
        }
        "co_sell_listing_guidance" => {
            t_string!(i18n, domain.benefit_names.co_sell_listing_guidance)
        }
        "sell_through_partners" => t_string!(i18n, domain.benefit_names.sell_through_partners),
        "azure_sponsorship_deployment" => {
            t_string!(i18n, domain.benefit_names.azure_sponsorship_deployment)
        }
        "seller_webinar" => t_string!(i18n, domain.benefit_names.seller_webinar),
        "solution_spotlight" => t_string!(i18n, domain.benefit_names.solution_spotlight),
        "application_design_review" => {
            t_string!(i18n, domain.benefit_names.application_design_review)
        }
        "presales_deployment_advisory" => {
            t_string!(i18n, domain.benefit_names.presales_deployment_advisory)
        }
        "support_incidents" => t_string!(i18n, domain.benefit_names.support_incidents),
        "listing_optimization_guidance" => {
            t_string!(i18n, domain.benefit_names.listing_optimization_guidance)
        }
        "partner_marketing_centre" => {
            t_string!(i18n, domain.benefit_names.partner_marketing_centre)
        }
        "engagement_manager" => t_string!(i18n, domain.benefit_names.engagement_manager),
        "onboarding_documentation" => {
            t_string!(i18n, domain.benefit_names.onboarding_documentation)
        }
        "community_forums" => t_string!(i18n, domain.benefit_names.community_forums),
        "developer_subscription" => t_string!(i18n, domain.benefit_names.developer_subscription),
        _ => return None,
    })
}

/// The localized name, or the server's English name for a key this build
/// does not know yet.
pub fn display_name(i18n: I18n, key: &str, fallback: &str) -> String {
    benefit_name(i18n, key)
        .map(str::to_owned)
        .unwrap_or_else(|| fallback.to_owned())
}

pub fn status_label(i18n: I18n, status: BenefitStatus) -> &'static str {
    match status {
        BenefitStatus::Locked => t_string!(i18n, domain.statuses.locked),
        BenefitStatus::Available => t_string!(i18n, domain.statuses.available),
        BenefitStatus::Activated => t_string!(i18n, domain.statuses.activated),
        BenefitStatus::InProgress => t_string!(i18n, domain.statuses.in_progress),
        BenefitStatus::Completed => t_string!(i18n, domain.statuses.completed),
        BenefitStatus::Expired => t_string!(i18n, domain.statuses.expired),
        BenefitStatus::Revoked => t_string!(i18n, domain.statuses.revoked),
    }
}

/// A tier's short name: "Publisher", or its threshold in compact money
/// ("$50K", "50 k $", "$5萬").
pub fn tier_label(i18n: I18n, tier: Tier) -> String {
    match tier {
        Tier::Publisher => t_string!(i18n, domain.tiers.publisher).to_owned(),
        _ => format::money_compact(i18n.get_locale(), tier.threshold_cents()),
    }
}

#[cfg(test)]
mod tests {
    use rewards_core::catalog::catalog;

    /// Every catalogue key has a name in the locale file (no raw keys shown).
    #[test]
    fn every_catalogue_key_is_named() {
        let en: serde_json::Value =
            serde_json::from_str(include_str!("../../locales/en/domain.json")).unwrap();
        for entry in catalog() {
            assert!(
                en["benefit_names"][entry.key].is_string(),
                "no domain.benefit_names.{} in locales/en/domain.json",
                entry.key
            );
        }
    }
}
