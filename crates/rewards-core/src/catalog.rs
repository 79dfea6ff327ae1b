//! The benefit catalogue: static data from the programme tables (Transact
//! tiers, 2023 figures, and the List/Trial/Consulting table).
//!
//! Keys are stable identifiers for storage and for the SPA's translations;
//! they never change once shipped. A key may appear at several tiers when a
//! higher tier replaces the amount (Azure sponsorship, support incidents):
//! the entry at the highest reached tier is the one that applies.
//!
//! Technical quantities are the examples the programme publishes (50
//! advisory hours, 20 or unlimited incidents, 1 design review); the tiers
//! they sit at are this product's choice.

use crate::date::{Date, Timestamp};
use crate::model::{
    ActivationMode, Benefit, BenefitCategory, BenefitSource, BenefitStatus, ConstraintMarker,
    OfferType, Quantity, QuantityUnit, StatusChange,
};
use crate::tier::{Tier, USD};
use serde::Serialize;

/// Presentation group (tab section) of a benefit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitGroup {
    Marketing,
    Sales,
    Technical,
}

impl BenefitGroup {
    /// Marketing and sales share the "sales and marketing" category (and its
    /// marketing-contact requirement).
    pub fn category(self) -> BenefitCategory {
        match self {
            BenefitGroup::Marketing | BenefitGroup::Sales => BenefitCategory::SalesMarketing,
            BenefitGroup::Technical => BenefitCategory::Technical,
        }
    }
}

/// One row of the programme tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogEntry {
    pub key: &'static str,
    pub group: BenefitGroup,
    /// Offer types that earn this benefit; Transact rows list only Transact.
    pub offer_types: &'static [OfferType],
    pub unlock_tier: Tier,
    pub quantity: Quantity,
    pub constraints: &'static [ConstraintMarker],
    pub activation_mode: ActivationMode,
    /// Months from grant to the activate-by date; `None` = evergreen.
    pub activation_window_months: Option<u8>,
}

impl CatalogEntry {
    pub fn category(&self) -> BenefitCategory {
        self.group.category()
    }

    /// A Transact (tiered) row rather than a List/Trial/Consulting one.
    pub fn is_transact(&self) -> bool {
        self.offer_types == TRANSACT
    }

    /// Whether an offer of `offer_type` earns this row.
    pub fn applies_to(&self, offer_type: OfferType) -> bool {
        self.offer_types.contains(&offer_type)
    }

    /// The source label for a benefit granted from this row via an offer.
    pub fn source_for(&self, offer_type: OfferType) -> BenefitSource {
        BenefitSource::for_offer_type(offer_type, self.unlock_tier)
    }

    /// Creates a benefit instance (demo seeding, new offers going live).
    ///
    /// Status is `Available` when `company_tier` reaches the row's tier,
    /// otherwise `Locked`; the creation is recorded as the first history
    /// entry. The activate-by date is `granted_on` plus the row's window.
    pub fn instantiate(&self, grant: Grant<'_>) -> Benefit {
        let reached = grant.company_tier.is_some_and(|t| t >= self.unlock_tier);
        let status = if reached {
            BenefitStatus::Available
        } else {
            BenefitStatus::Locked
        };
        Benefit {
            id: grant.id.to_string(),
            key: self.key.to_string(),
            category: self.category(),
            source: self.source_for(grant.offer_type),
            quantity: self.quantity,
            unlock_tier: self.unlock_tier,
            constraints: self.constraints.to_vec(),
            offer_id: grant.offer_id.map(str::to_string),
            activate_by: self
                .activation_window_months
                .map(|m| grant.granted_on.add_months(i32::from(m))),
            status,
            status_reason: None,
            history: vec![StatusChange {
                from: None,
                to: status,
                at: grant.at,
                actor: grant.actor.to_string(),
                reason: None,
                cause: None,
            }],
            activated_at: None,
            activation_mode: self.activation_mode,
            drawn_down: 0,
        }
    }
}

/// Parameters of [`CatalogEntry::instantiate`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grant<'a> {
    pub id: &'a str,
    pub offer_id: Option<&'a str>,
    pub offer_type: OfferType,
    pub company_tier: Option<Tier>,
    pub granted_on: Date,
    pub at: Timestamp,
    pub actor: &'a str,
}

// Shorthands for the table below.
use ConstraintMarker::{
    CountryAvailability as CTRY, NotForByol as BYOL, NotForPrivateOffers as NOPRIV,
    PrivateNeedsPublicListing as PUBL, RequiresCoSellReady as COSELL,
    RequiresListingOptimization as LOPT,
};

const TRANSACT: &[OfferType] = &[OfferType::Transact];
const LISTING_TYPES: &[OfferType] = &[OfferType::List, OfferType::Trial, OfferType::Consulting];
const TRIAL_CONSULTING: &[OfferType] = &[OfferType::Trial, OfferType::Consulting];
/// List/Trial/Consulting benefits must be activated within 6 months (2023).
const LISTING_WINDOW_MONTHS: u8 = 6;

const INCLUDED: Quantity = Quantity::Included;

const fn count(n: u32, unit: QuantityUnit) -> Quantity {
    Quantity::Count { n, unit }
}

const fn usd(dollars: i64) -> Quantity {
    Quantity::Usd {
        cents: dollars * USD,
    }
}

/// A Transact row activated in the portal.
const fn tx(
    key: &'static str,
    group: BenefitGroup,
    tier: Tier,
    quantity: Quantity,
    constraints: &'static [ConstraintMarker],
) -> CatalogEntry {
    CatalogEntry {
        key,
        group,
        offer_types: TRANSACT,
        unlock_tier: tier,
        quantity,
        constraints,
        activation_mode: ActivationMode::InPortal,
        activation_window_months: None,
    }
}

/// A Transact Azure sponsorship row: instructions arrive by email.
const fn sponsorship(
    key: &'static str,
    group: BenefitGroup,
    tier: Tier,
    dollars: i64,
    constraints: &'static [ConstraintMarker],
) -> CatalogEntry {
    CatalogEntry {
        activation_mode: ActivationMode::EmailInstructions,
        ..tx(key, group, tier, usd(dollars), constraints)
    }
}

/// A List/Trial/Consulting row.
const fn listing(
    key: &'static str,
    group: BenefitGroup,
    offer_types: &'static [OfferType],
    quantity: Quantity,
    constraints: &'static [ConstraintMarker],
) -> CatalogEntry {
    CatalogEntry {
        key,
        group,
        offer_types,
        unlock_tier: Tier::Publisher,
        quantity,
        constraints,
        activation_mode: ActivationMode::InPortal,
        activation_window_months: Some(LISTING_WINDOW_MONTHS),
    }
}

use BenefitGroup::{Marketing as MKT, Sales as SALES, Technical as TECH};
use Tier::*;

/// Key of the Azure sponsorship for test drive / trial sandbox.
pub const SPONSORSHIP_TEST_DRIVE: &str = "azure_sponsorship_test_drive";
/// Key of the Azure sponsorship for deployment / proof of concept.
pub const SPONSORSHIP_DEPLOYMENT: &str = "azure_sponsorship_deployment";
/// Key of the per-offer engagement manager (Trial and Consulting).
pub const ENGAGEMENT_MANAGER: &str = "engagement_manager";

const TD: &str = SPONSORSHIP_TEST_DRIVE;
const DEP: &str = SPONSORSHIP_DEPLOYMENT;

static CATALOG: &[CatalogEntry] = &[
    // --- Transact: marketing -------------------------------------------
    tx("market_research_materials", MKT, Publisher, INCLUDED, &[]),
    tx(
        "self_serve_digital_marketing",
        MKT,
        Publisher,
        INCLUDED,
        &[],
    ),
    tx("readiness_assessments", MKT, Publisher, INCLUDED, &[]),
    tx("listing_optimization", MKT, Publisher, INCLUDED, &[]),
    tx("marketing_toolkit", MKT, Publisher, INCLUDED, &[]),
    tx("whats_new_blog", MKT, Publisher, INCLUDED, &[NOPRIV]),
    tx(
        "press_release_support",
        MKT,
        Publisher,
        INCLUDED,
        &[BYOL, LOPT, PUBL],
    ),
    tx("rewards_testimonial", MKT, Usd500, INCLUDED, &[]),
    tx(
        "featured_category_placement",
        MKT,
        Usd500,
        count(1, QuantityUnit::Placements),
        &[BYOL, LOPT, NOPRIV],
    ),
    tx(
        "blog_feature",
        MKT,
        Usd25k,
        count(1, QuantityUnit::Posts),
        &[BYOL, LOPT, PUBL],
    ),
    tx(
        "in_depth_customer_review",
        MKT,
        Usd50k,
        INCLUDED,
        &[BYOL, LOPT],
    ),
    tx("success_story", MKT, Usd100k, INCLUDED, &[BYOL, LOPT, PUBL]),
    tx(
        "social_promotion_spotlight",
        MKT,
        Usd100k,
        INCLUDED,
        &[BYOL, LOPT, NOPRIV],
    ),
    tx(
        "featured_home_page_placement",
        MKT,
        Usd500k,
        count(1, QuantityUnit::Placements),
        &[BYOL, LOPT, NOPRIV],
    ),
    tx(
        "guest_blog_post",
        MKT,
        Usd500k,
        count(1, QuantityUnit::Posts),
        &[BYOL, LOPT, PUBL],
    ),
    tx("executive_endorsement", MKT, Usd1m, INCLUDED, &[BYOL, LOPT]),
    sponsorship(TD, MKT, Usd50k, 5_000, &[LOPT, CTRY]),
    sponsorship(TD, MKT, Usd100k, 5_000, &[LOPT, CTRY]),
    sponsorship(TD, MKT, Usd500k, 40_000, &[LOPT, CTRY]),
    sponsorship(TD, MKT, Usd1m, 50_000, &[LOPT, CTRY]),
    sponsorship(TD, MKT, Usd2m, 75_000, &[LOPT, CTRY]),
    sponsorship(TD, MKT, Usd5m, 100_000, &[LOPT, CTRY]),
    // --- Transact: sales -------------------------------------------------
    tx("co_sell_listing_guidance", SALES, Publisher, INCLUDED, &[]),
    tx("sell_through_partners", SALES, Publisher, INCLUDED, &[]),
    sponsorship(DEP, SALES, Usd500, 2_000, &[BYOL, LOPT, CTRY]),
    sponsorship(DEP, SALES, Usd25k, 2_000, &[BYOL, LOPT, CTRY]),
    sponsorship(DEP, SALES, Usd50k, 15_000, &[BYOL, LOPT, CTRY]),
    sponsorship(DEP, SALES, Usd100k, 30_000, &[BYOL, LOPT, CTRY]),
    sponsorship(DEP, SALES, Usd500k, 60_000, &[BYOL, LOPT, CTRY]),
    sponsorship(DEP, SALES, Usd1m, 100_000, &[BYOL, LOPT, CTRY]),
    sponsorship(DEP, SALES, Usd2m, 125_000, &[BYOL, LOPT, CTRY]),
    sponsorship(DEP, SALES, Usd5m, 300_000, &[BYOL, LOPT, CTRY]),
    tx(
        "seller_webinar",
        SALES,
        Usd100k,
        count(1, QuantityUnit::Sessions),
        &[BYOL, LOPT],
    ),
    tx(
        "solution_spotlight",
        SALES,
        Usd100k,
        INCLUDED,
        &[BYOL, LOPT, COSELL],
    ),
    // --- Transact: technical ---------------------------------------------
    tx(
        "application_design_review",
        TECH,
        Usd500,
        count(1, QuantityUnit::Consultations),
        &[],
    ),
    tx(
        "presales_deployment_advisory",
        TECH,
        Usd25k,
        count(50, QuantityUnit::Hours),
        &[],
    ),
    tx(
        "support_incidents",
        TECH,
        Usd50k,
        count(20, QuantityUnit::Incidents),
        &[],
    ),
    tx(
        "support_incidents",
        TECH,
        Usd1m,
        Quantity::Unlimited {
            unit: QuantityUnit::Incidents,
        },
        &[],
    ),
    // --- List / Trial / Consulting ----------------------------------------
    listing(
        "listing_optimization_guidance",
        MKT,
        LISTING_TYPES,
        INCLUDED,
        &[],
    ),
    listing("whats_new_blog", MKT, LISTING_TYPES, INCLUDED, &[NOPRIV]),
    listing("marketing_toolkit", MKT, LISTING_TYPES, INCLUDED, &[]),
    listing(
        "partner_marketing_centre",
        MKT,
        LISTING_TYPES,
        INCLUDED,
        &[],
    ),
    listing(
        "self_serve_digital_marketing",
        MKT,
        LISTING_TYPES,
        INCLUDED,
        &[],
    ),
    listing("readiness_assessments", MKT, LISTING_TYPES, INCLUDED, &[]),
    listing(
        "press_release_support",
        MKT,
        TRIAL_CONSULTING,
        INCLUDED,
        &[BYOL, LOPT, PUBL],
    ),
    listing(
        "co_sell_listing_guidance",
        SALES,
        LISTING_TYPES,
        INCLUDED,
        &[],
    ),
    listing(
        ENGAGEMENT_MANAGER,
        SALES,
        TRIAL_CONSULTING,
        count(3, QuantityUnit::Months),
        &[],
    ),
    listing(
        "onboarding_documentation",
        TECH,
        LISTING_TYPES,
        INCLUDED,
        &[],
    ),
    listing("community_forums", TECH, LISTING_TYPES, INCLUDED, &[]),
    listing("developer_subscription", TECH, LISTING_TYPES, INCLUDED, &[]),
];

/// Every catalogue row.
pub fn catalog() -> &'static [CatalogEntry] {
    CATALOG
}

/// Transact rows only.
pub fn transact_entries() -> impl Iterator<Item = &'static CatalogEntry> {
    CATALOG.iter().filter(|e| e.is_transact())
}

/// The Transact row for `key` that applies at `tier` (highest reached).
pub fn find_transact(key: &str, tier: Tier) -> Option<&'static CatalogEntry> {
    transact_entries()
        .filter(|e| e.key == key && e.unlock_tier <= tier)
        .max_by_key(|e| e.unlock_tier)
}

/// Transact benefits a company at `tier` has, one row per key (a higher
/// tier's row replaces the lower one), in table order.
pub fn benefits_unlocked_at(tier: Tier) -> Vec<&'static CatalogEntry> {
    transact_entries()
        .filter(|e| find_transact(e.key, tier) == Some(*e))
        .collect()
}

/// Transact rows that reaching `tier` adds or upgrades. Pass
/// `next_tier(current)` to show "what the next tier unlocks".
pub fn newly_unlocked_by(tier: Tier) -> Vec<&'static CatalogEntry> {
    transact_entries()
        .filter(|e| e.unlock_tier == tier)
        .collect()
}

/// Transact benefits not yet available at `tier` (`None` = no tier), each
/// at the lowest tier that unlocks it, to show as `Locked`.
pub fn benefits_locked_at(tier: Option<Tier>) -> Vec<&'static CatalogEntry> {
    let has_key = |key: &str| tier.is_some_and(|t| find_transact(key, t).is_some());
    transact_entries()
        .filter(|e| !has_key(e.key) && lowest_row(e.key) == Some(*e))
        .collect()
}

fn lowest_row(key: &str) -> Option<&'static CatalogEntry> {
    transact_entries()
        .filter(|e| e.key == key)
        .min_by_key(|e| e.unlock_tier)
}

/// List/Trial/Consulting benefits that a new offer of `offer_type` earns.
/// Transact offers earn tiered benefits instead (empty here).
pub fn benefits_for_offer_type(offer_type: OfferType) -> Vec<&'static CatalogEntry> {
    CATALOG
        .iter()
        .filter(|e| !e.is_transact() && e.applies_to(offer_type))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn keys(entries: &[&CatalogEntry]) -> Vec<&'static str> {
        entries.iter().map(|e| e.key).collect()
    }

    #[test]
    fn rows_are_unique_per_key_programme_and_tier() {
        let mut seen = HashSet::new();
        for e in catalog() {
            assert!(
                seen.insert((e.key, e.is_transact(), e.unlock_tier)),
                "{}",
                e.key
            );
            assert!(!e.offer_types.is_empty());
            assert!(e.key.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        }
    }

    #[test]
    fn publisher_tier_table() {
        let got = keys(&benefits_unlocked_at(Tier::Publisher));
        assert_eq!(
            got,
            [
                "market_research_materials",
                "self_serve_digital_marketing",
                "readiness_assessments",
                "listing_optimization",
                "marketing_toolkit",
                "whats_new_blog",
                "press_release_support",
                "co_sell_listing_guidance",
                "sell_through_partners",
            ]
        );
    }

    #[test]
    fn sponsorship_amounts_by_tier() {
        let amount = |key, tier| find_transact(key, tier).map(|e| e.quantity);
        assert_eq!(amount(TD, Tier::Usd25k), None);
        assert_eq!(amount(TD, Tier::Usd50k), Some(usd(5_000)));
        assert_eq!(amount(TD, Tier::Usd2m), Some(usd(75_000)));
        assert_eq!(amount(DEP, Tier::Publisher), None);
        assert_eq!(amount(DEP, Tier::Usd500), Some(usd(2_000)));
        assert_eq!(amount(DEP, Tier::Usd1m), Some(usd(100_000)));
        assert_eq!(amount(DEP, Tier::Usd5m), Some(usd(300_000)));
        for e in catalog().iter().filter(|e| e.key == TD || e.key == DEP) {
            assert_eq!(e.activation_mode, ActivationMode::EmailInstructions);
            assert!(e.constraints.contains(&CTRY));
        }
    }

    #[test]
    fn unlocked_lists_grow_and_replace() {
        let at_1m = benefits_unlocked_at(Tier::Usd1m);
        let one_per_key: HashSet<_> = at_1m.iter().map(|e| e.key).collect();
        assert_eq!(one_per_key.len(), at_1m.len());
        let incidents = at_1m.iter().find(|e| e.key == "support_incidents").unwrap();
        assert_eq!(
            incidents.quantity,
            Quantity::Unlimited {
                unit: QuantityUnit::Incidents
            }
        );
        for pair in Tier::ALL.windows(2) {
            let lo: HashSet<_> = keys(&benefits_unlocked_at(pair[0])).into_iter().collect();
            let hi: HashSet<_> = keys(&benefits_unlocked_at(pair[1])).into_iter().collect();
            assert!(lo.is_subset(&hi), "{:?}", pair);
        }
    }

    #[test]
    fn newly_unlocked_examples() {
        assert_eq!(
            keys(&newly_unlocked_by(Tier::Usd100k)),
            [
                "success_story",
                "social_promotion_spotlight",
                TD,
                DEP,
                "seller_webinar",
                "solution_spotlight"
            ]
        );
        assert_eq!(keys(&newly_unlocked_by(Tier::Usd1m)).len(), 4);
        let spotlight = find_transact("solution_spotlight", Tier::Usd100k).unwrap();
        assert_eq!(spotlight.constraints, &[BYOL, LOPT, COSELL]);
    }

    #[test]
    fn locked_rows_complement_unlocked() {
        for tier in Tier::ALL {
            let unlocked: HashSet<_> = keys(&benefits_unlocked_at(tier)).into_iter().collect();
            let locked: HashSet<_> = keys(&benefits_locked_at(Some(tier))).into_iter().collect();
            let all: HashSet<_> = transact_entries().map(|e| e.key).collect();
            assert!(unlocked.is_disjoint(&locked));
            assert_eq!(&unlocked | &locked, all);
        }
        let none = benefits_locked_at(None);
        assert!(none.iter().any(|e| e.key == "press_release_support"));
    }

    #[test]
    fn listing_benefits_by_offer_type() {
        let list = keys(&benefits_for_offer_type(OfferType::List));
        let trial = keys(&benefits_for_offer_type(OfferType::Trial));
        assert!(!list.contains(&"press_release_support") && !list.contains(&ENGAGEMENT_MANAGER));
        assert!(trial.contains(&"press_release_support") && trial.contains(&ENGAGEMENT_MANAGER));
        assert_eq!(trial, keys(&benefits_for_offer_type(OfferType::Consulting)));
        assert!(benefits_for_offer_type(OfferType::Transact).is_empty());
        let em = benefits_for_offer_type(OfferType::Trial)
            .into_iter()
            .find(|e| e.key == ENGAGEMENT_MANAGER)
            .unwrap();
        assert_eq!(em.quantity, count(3, QuantityUnit::Months));
    }

    #[test]
    fn instantiate_sets_status_window_and_history() {
        let today = Date::new(2024, 3, 1).unwrap();
        let at = today.start_of_day();
        let em = benefits_for_offer_type(OfferType::Trial)
            .into_iter()
            .find(|e| e.key == ENGAGEMENT_MANAGER)
            .unwrap();
        let grant = Grant {
            id: "b1",
            offer_id: Some("o1"),
            offer_type: OfferType::Trial,
            company_tier: Some(Tier::Publisher),
            granted_on: today,
            at,
            actor: "system",
        };
        let b = em.instantiate(grant);
        assert_eq!(b.status, BenefitStatus::Available);
        assert_eq!(b.source, BenefitSource::Trial);
        assert_eq!(b.activate_by, Date::new(2024, 9, 1));
        assert_eq!(b.history.len(), 1);
        assert_eq!(b.category, BenefitCategory::SalesMarketing);

        let webinar = find_transact("seller_webinar", Tier::Usd5m).unwrap();
        let b = webinar.instantiate(Grant {
            offer_type: OfferType::Transact,
            company_tier: Some(Tier::Usd50k),
            ..grant
        });
        assert_eq!(b.status, BenefitStatus::Locked);
        assert_eq!(
            b.source,
            BenefitSource::Transact {
                tier: Tier::Usd100k
            }
        );
        assert_eq!(b.activate_by, None);
    }
}
