//! Insights: where a company stood month by month, computed from the stored
//! records (billed sales, benefit status histories, technical cases and the
//! Microsoft 365 apps' monthly history). The server answers
//! these series; the SPA only draws them.
//!
//! A month's figures are taken at its last day, or at `as_of` for the
//! current month, so the last point of every series equals today's totals on
//! the overview.

pub mod m365;
pub mod technical;

use crate::date::{days_in_month, Date};
use crate::model::{Benefit, BenefitStatus};
use crate::tier::{next_tier, tier_for_sales, trailing_twelve_month_sales, BilledSale, Tier};
use serde::{Deserialize, Serialize};

/// How many months the insights cover, the current one included.
pub const MONTHS: usize = 24;

/// First day of `date`'s month.
pub fn month_start(date: Date) -> Date {
    date.add_days(1 - i64::from(date.day()))
}

/// Last day of `date`'s month.
pub fn month_end(date: Date) -> Date {
    let first = month_start(date);
    first.add_days(i64::from(days_in_month(first.year(), first.month())) - 1)
}

/// The first days of the [`MONTHS`] months ending with `as_of`'s, oldest first,
/// each with the day its figures are taken on (month end, or `as_of`).
pub fn months_ending(as_of: Date) -> Vec<(Date, Date)> {
    let current = month_start(as_of);
    (0..MONTHS as i32)
        .rev()
        .map(|back| {
            let first = current.add_months(-back);
            let taken = if back == 0 { as_of } else { month_end(first) };
            (first, taken)
        })
        .collect()
}

/// One month of billed sales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesMonth {
    /// First day of the month.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, examples("2026-05-01")))]
    pub month: Date,
    /// Billed sales dated in this month (up to `as_of`), fraudulent ones excluded (USD cents).
    pub billed_cents: i64,
    /// Sales dated in this month that were fraudulent and so do not count (USD cents).
    pub excluded_fraudulent_cents: i64,
    /// Trailing-twelve-month sales at the month's last day (or `as_of`), as the tier rule counts them.
    pub ttm_cents: i64,
    /// The tier those trailing-twelve-month sales reach.
    pub tier: Tier,
    /// Set when `tier` is higher than the previous month's: the month the company crossed into it.
    pub crossed_into: Option<Tier>,
}

/// A tier threshold drawn as a line on the sales chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TierThreshold {
    pub tier: Tier,
    pub threshold_cents: i64,
}

/// `GET /insights/sales`: billed sales by month, the last [`MONTHS`] months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesSeries {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, examples("2026-05-01")))]
    pub as_of: Date,
    /// Oldest first.
    pub months: Vec<SalesMonth>,
    /// The thresholds above the Publisher tier up to the first one no month reached, lowest first.
    pub thresholds: Vec<TierThreshold>,
}

/// Billed sales by month as of `as_of`.
pub fn sales_series(sales: &[BilledSale], as_of: Date) -> SalesSeries {
    let mut months = Vec::with_capacity(MONTHS);
    let mut previous: Option<Tier> = None;
    for (first, taken) in months_ending(as_of) {
        let in_month = |s: &&BilledSale| s.billed_on >= first && s.billed_on <= taken;
        let (mut billed_cents, mut excluded_fraudulent_cents) = (0i64, 0i64);
        for s in sales.iter().filter(in_month) {
            let total = if s.fraudulent {
                &mut excluded_fraudulent_cents
            } else {
                &mut billed_cents
            };
            *total = total.saturating_add(s.amount_cents);
        }
        let ttm_cents = trailing_twelve_month_sales(sales, taken);
        let tier = tier_for_sales(ttm_cents);
        let crossed_into = previous.filter(|p| tier > *p).map(|_| tier);
        previous = Some(tier);
        months.push(SalesMonth {
            month: first,
            billed_cents,
            excluded_fraudulent_cents,
            ttm_cents,
            tier,
            crossed_into,
        });
    }
    let highest = months
        .iter()
        .map(|m| m.tier)
        .max()
        .unwrap_or(Tier::Publisher);
    let top = next_tier(highest).unwrap_or(highest);
    let thresholds = Tier::ALL
        .into_iter()
        .filter(|t| *t > Tier::Publisher && *t <= top)
        .map(|tier| TierThreshold {
            tier,
            threshold_cents: tier.threshold_cents(),
        })
        .collect();
    SalesSeries {
        as_of,
        months,
        thresholds,
    }
}

/// The statuses the benefits chart counts, in drawing order.
pub const CHARTED_STATUSES: [BenefitStatus; 5] = [
    BenefitStatus::Available,
    BenefitStatus::Activated,
    BenefitStatus::InProgress,
    BenefitStatus::Completed,
    BenefitStatus::Expired,
];

/// Benefits in each status at one month's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BenefitsMonth {
    /// First day of the month.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, examples("2026-05-01")))]
    pub month: Date,
    pub available: u32,
    pub activated: u32,
    pub in_progress: u32,
    pub completed: u32,
    pub expired: u32,
}

impl BenefitsMonth {
    /// The count for one of [`CHARTED_STATUSES`] (0 for the others).
    pub fn count(&self, status: BenefitStatus) -> u32 {
        match status {
            BenefitStatus::Available => self.available,
            BenefitStatus::Activated => self.activated,
            BenefitStatus::InProgress => self.in_progress,
            BenefitStatus::Completed => self.completed,
            BenefitStatus::Expired => self.expired,
            BenefitStatus::Locked | BenefitStatus::Revoked => 0,
        }
    }
}

/// `GET /insights/benefits`: benefits by status, month by month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BenefitsSeries {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, examples("2026-05-01")))]
    pub as_of: Date,
    /// Oldest first.
    pub months: Vec<BenefitsMonth>,
}

/// A benefit's status at the end of `day` from its history (`None` before it was granted).
pub fn status_at(benefit: &Benefit, day: Date) -> Option<BenefitStatus> {
    let end = day.add_days(1).start_of_day();
    benefit
        .history
        .iter()
        .filter(|c| c.at < end)
        .max_by_key(|c| c.at)
        .map(|c| c.to)
}

/// Benefits by status at each month's end, from their status histories.
pub fn benefits_series(benefits: &[Benefit], as_of: Date) -> BenefitsSeries {
    let months = months_ending(as_of)
        .into_iter()
        .map(|(first, taken)| {
            let mut m = BenefitsMonth {
                month: first,
                available: 0,
                activated: 0,
                in_progress: 0,
                completed: 0,
                expired: 0,
            };
            for b in benefits {
                let slot = match status_at(b, taken) {
                    Some(BenefitStatus::Available) => &mut m.available,
                    Some(BenefitStatus::Activated) => &mut m.activated,
                    Some(BenefitStatus::InProgress) => &mut m.in_progress,
                    Some(BenefitStatus::Completed) => &mut m.completed,
                    Some(BenefitStatus::Expired) => &mut m.expired,
                    _ => continue,
                };
                *slot += 1;
            }
            m
        })
        .collect();
    BenefitsSeries { as_of, months }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Timestamp;
    use crate::model::{ActivationMode, BenefitCategory, BenefitSource, Quantity, StatusChange};
    use crate::tier::USD;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn sale(on: &str, dollars: i64, fraudulent: bool) -> BilledSale {
        BilledSale {
            publisher_profile_id: "pp".into(),
            offer_id: "o".into(),
            billed_on: date(on),
            amount_cents: dollars * USD,
            fraudulent,
        }
    }

    #[test]
    fn months_are_24_ending_with_as_of() {
        let m = months_ending(date("2026-12-06"));
        assert_eq!(m.len(), 24);
        assert_eq!(m[0], (date("2025-01-01"), date("2025-01-31")));
        assert_eq!(m[13], (date("2026-02-01"), date("2026-02-28")));
        assert_eq!(m[23], (date("2026-12-01"), date("2026-12-06")));
        assert_eq!(month_end(date("2024-02-10")), date("2024-02-29"));
    }

    #[test]
    fn sales_by_month_ttm_and_crossings() {
        let sales = [
            sale("2025-03-10", 30_000, false),
            sale("2025-03-20", 900, true),
            sale("2026-02-01", 25_000, false),
            sale("2026-12-07", 99_999, false), // after as_of
            sale("2022-01-01", 1_000, false),  // before the window
        ];
        let s = sales_series(&sales, date("2026-12-06"));
        assert_eq!(s.months.len(), 24);
        let march = &s.months[2];
        assert_eq!(march.month, date("2025-03-01"));
        assert_eq!(march.billed_cents, 30_000 * USD);
        assert_eq!(march.excluded_fraudulent_cents, 900 * USD);
        assert_eq!(march.ttm_cents, 30_000 * USD);
        assert_eq!(march.crossed_into, Some(Tier::Usd25k));
        assert_eq!(s.months[1].tier, Tier::Publisher);
        // February 2026: both sales in the window, $55K.
        let feb = &s.months[13];
        assert_eq!(feb.ttm_cents, 55_000 * USD);
        assert_eq!(feb.crossed_into, Some(Tier::Usd50k));
        // March 2026 end: the March 2025 sale has left the window; no crossing downwards.
        assert_eq!(s.months[14].ttm_cents, 25_000 * USD);
        assert_eq!(s.months[14].crossed_into, None);
        assert_eq!(s.months[23].billed_cents, 0);
        assert_eq!(s.months[23].ttm_cents, 25_000 * USD);
        let tiers: Vec<Tier> = s.thresholds.iter().map(|t| t.tier).collect();
        assert_eq!(
            tiers,
            [Tier::Usd500, Tier::Usd25k, Tier::Usd50k, Tier::Usd100k]
        );
    }

    #[test]
    fn the_last_month_matches_the_tier_rule() {
        let sales = [
            sale("2026-01-10", 61_500, false),
            sale("2026-11-01", 5_000, true),
        ];
        let as_of = date("2026-12-06");
        let s = sales_series(&sales, as_of);
        assert_eq!(
            s.months[23].ttm_cents,
            trailing_twelve_month_sales(&sales, as_of)
        );
        assert_eq!(s.months[22].excluded_fraudulent_cents, 5_000 * USD);
    }

    fn benefit(changes: &[(BenefitStatus, &str)]) -> Benefit {
        Benefit {
            id: "b".into(),
            key: "blog_feature".into(),
            category: BenefitCategory::SalesMarketing,
            source: BenefitSource::Transact { tier: Tier::Usd25k },
            quantity: Quantity::Included,
            unlock_tier: Tier::Usd25k,
            constraints: vec![],
            offer_id: None,
            activate_by: None,
            status: changes.last().unwrap().0,
            status_reason: None,
            history: changes
                .iter()
                .map(|(to, at)| StatusChange {
                    from: None,
                    to: *to,
                    at: Timestamp::parse(at).unwrap(),
                    actor: "system".into(),
                    reason: None,
                    cause: None,
                })
                .collect(),
            activated_at: None,
            activation_mode: ActivationMode::InPortal,
            drawn_down: 0,
        }
    }

    #[test]
    fn benefits_by_status_from_histories() {
        use BenefitStatus::*;
        let benefits = [
            benefit(&[
                (Available, "2025-06-01T00:00:00Z"),
                (Activated, "2026-03-31T23:59:59Z"),
                (InProgress, "2026-04-01T00:00:00Z"),
                (Completed, "2026-09-15T10:00:00Z"),
            ]),
            benefit(&[
                (Locked, "2025-01-01T00:00:00Z"),
                (Available, "2026-02-02T00:00:00Z"),
            ]),
            benefit(&[
                (Available, "2025-01-05T00:00:00Z"),
                (Expired, "2025-07-01T00:00:00Z"),
            ]),
        ];
        let s = benefits_series(&benefits, date("2026-12-06"));
        let at = |m: &str| {
            s.months
                .iter()
                .find(|x| x.month == date(m))
                .unwrap()
                .clone()
        };
        let jan25 = at("2025-01-01");
        assert_eq!((jan25.available, jan25.expired), (1, 0));
        let jun25 = at("2025-06-01");
        assert_eq!((jun25.available, jun25.expired), (2, 0));
        let jul25 = at("2025-07-01");
        assert_eq!((jul25.available, jul25.expired), (1, 1));
        let mar26 = at("2026-03-01");
        assert_eq!((mar26.available, mar26.activated, mar26.expired), (1, 1, 1));
        assert_eq!(at("2026-04-01").in_progress, 1);
        let dec26 = at("2026-12-01");
        assert_eq!(CHARTED_STATUSES.map(|st| dec26.count(st)), [1, 0, 0, 1, 1]);
    }
}
