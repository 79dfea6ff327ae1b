//! The cards of the Rewards overview, one file per card (the offers section
//! and its profile cards share one file).

mod checklist;
mod eligibility;
mod offers;
mod overdue;
mod statuses;
mod tier;
mod unlocks;

use rewards_core::model::BenefitStatus;

use crate::api::endpoints::wire_name;
use crate::paths;

pub use checklist::Checklist;
pub use eligibility::EligibilityCard;
pub use offers::OffersByProfile;
pub use overdue::OverdueActivations;
pub use statuses::StatusCounts;
pub use tier::TierCard;
pub use unlocks::NextTierUnlocks;

/// Link to the Sales and marketing tab filtered by a status.
fn benefits_with_status(status: BenefitStatus) -> String {
    format!("{}?status={}", paths::SALES_MARKETING, wire_name(&status))
}
