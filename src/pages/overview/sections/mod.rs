//! The cards of the Rewards overview, one file per card (the offers section
//! and its profile cards share one file).

mod checklist;
mod eligibility;
mod engagement;
mod follow_ups;
mod next_steps;
mod offers;
mod overdue;
mod soon;
mod statuses;
mod tier;
mod unlocks;
mod users_tier;

use rewards_core::model::{BenefitCategory, BenefitStatus};

use crate::api::endpoints::wire_name;
use crate::paths;

pub use checklist::Checklist;
pub use eligibility::EligibilityCard;
pub use follow_ups::FollowUps;
pub use next_steps::NextSteps;
pub use offers::OffersByProfile;
pub use overdue::OverdueActivations;
pub use soon::ExpiringSoon;
pub use statuses::StatusCounts;
pub use tier::TierCard;
pub use unlocks::NextTierUnlocks;
pub use users_tier::UsersTier;

/// Link to the Sales and marketing tab filtered by a status.
fn benefits_with_status(status: BenefitStatus) -> String {
    benefits_in(BenefitCategory::SalesMarketing, status)
}

/// Link to the tab of `category` filtered by a status.
fn benefits_in(category: BenefitCategory, status: BenefitStatus) -> String {
    let tab = match category {
        BenefitCategory::SalesMarketing => paths::SALES_MARKETING,
        BenefitCategory::Technical => paths::TECHNICAL,
    };
    format!("{tab}?status={}", wire_name(&status))
}
