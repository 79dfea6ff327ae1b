//! Transact tiers: which tier trailing-twelve-month (TTM) billed sales reach,
//! and how far the company is from the next one.
//!
//! Money is always `i64` US-dollar cents, so sums are exact and never touch
//! floating point.

use crate::date::Date;
use serde::{Deserialize, Serialize};

/// Transact tiers from the 2023 programme table, lowest first. The derived
/// ordering follows declaration order, so `Tier::Usd50k > Tier::Usd500`.
///
/// The top tier stays at $5M as in the 2023 table (it was lowered to $4M
/// late 2023; changing [`Tier::threshold_cents`] is the only edit needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Any live offer; no sales needed.
    Publisher,
    Usd500,
    Usd25k,
    Usd50k,
    Usd100k,
    Usd500k,
    Usd1m,
    Usd2m,
    Usd5m,
}

/// One US dollar in cents.
pub const USD: i64 = 100;

impl Tier {
    /// Every tier, lowest first.
    pub const ALL: [Tier; 9] = [
        Tier::Publisher,
        Tier::Usd500,
        Tier::Usd25k,
        Tier::Usd50k,
        Tier::Usd100k,
        Tier::Usd500k,
        Tier::Usd1m,
        Tier::Usd2m,
        Tier::Usd5m,
    ];

    /// Minimum TTM billed sales (cents) for this tier.
    pub const fn threshold_cents(self) -> i64 {
        match self {
            Tier::Publisher => 0,
            Tier::Usd500 => 500 * USD,
            Tier::Usd25k => 25_000 * USD,
            Tier::Usd50k => 50_000 * USD,
            Tier::Usd100k => 100_000 * USD,
            Tier::Usd500k => 500_000 * USD,
            Tier::Usd1m => 1_000_000 * USD,
            Tier::Usd2m => 2_000_000 * USD,
            Tier::Usd5m => 5_000_000 * USD,
        }
    }

    /// Alternative threshold for Microsoft 365 / Teams apps, in monthly
    /// active users. The $500 tier has no MAU equivalent.
    pub const fn monthly_active_users_threshold(self) -> Option<u64> {
        match self {
            Tier::Publisher => Some(0),
            Tier::Usd500 => None,
            Tier::Usd25k => Some(250),
            Tier::Usd50k => Some(500),
            Tier::Usd100k => Some(1_000),
            Tier::Usd500k => Some(5_000),
            Tier::Usd1m => Some(50_000),
            Tier::Usd2m => Some(200_000),
            Tier::Usd5m => Some(500_000),
        }
    }

    /// Position in [`Tier::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The tier after `tier`, or `None` at the top.
pub fn next_tier(tier: Tier) -> Option<Tier> {
    Tier::ALL.get(tier.index() + 1).copied()
}

/// The tier before `tier`, or `None` for [`Tier::Publisher`].
pub fn previous_tier(tier: Tier) -> Option<Tier> {
    tier.index().checked_sub(1).map(|i| Tier::ALL[i])
}

/// Highest tier whose threshold `sales_cents` reaches. Only meaningful for a
/// company with a live offer (see [`company_tier`]); negative sums (net
/// refunds) still give [`Tier::Publisher`].
pub fn tier_for_sales(sales_cents: i64) -> Tier {
    Tier::ALL
        .iter()
        .rev()
        .copied()
        .find(|t| sales_cents >= t.threshold_cents())
        .unwrap_or(Tier::Publisher)
}

/// Highest tier reached by monthly active users (Teams-app alternative).
pub fn tier_for_monthly_active_users(mau: u64) -> Tier {
    Tier::ALL
        .iter()
        .rev()
        .copied()
        .find(|t| {
            t.monthly_active_users_threshold()
                .is_some_and(|min| mau >= min)
        })
        .unwrap_or(Tier::Publisher)
}

/// A company's tier: `None` without a live offer (not in the programme at
/// all, which is different from the lowest tier).
pub fn company_tier(has_live_offer: bool, ttm_sales_cents: i64) -> Option<Tier> {
    has_live_offer.then(|| tier_for_sales(ttm_sales_cents))
}

/// One billed marketplace sale on any publisher profile of the company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BilledSale {
    pub publisher_profile_id: String,
    pub offer_id: String,
    pub billed_on: Date,
    /// Billed amount in USD cents; negative for refunds/credits.
    pub amount_cents: i64,
    /// Known or suspected fraudulent purchases never count towards a tier.
    pub fraudulent: bool,
}

/// First day of the TTM window ending on `as_of`.
///
/// The window is the twelve calendar months ending at `as_of`, inclusive of
/// `as_of` and exclusive of the same day a year earlier: as of 2024-06-15 it
/// is 2023-06-16 ..= 2024-06-15. Sales dated after `as_of` are ignored.
pub fn ttm_window_start(as_of: Date) -> Date {
    as_of.add_months(-12).add_days(1)
}

/// Whether a sale counts towards the TTM sum as of `as_of`.
pub fn counts_towards_ttm(sale: &BilledSale, as_of: Date) -> bool {
    !sale.fraudulent && sale.billed_on >= ttm_window_start(as_of) && sale.billed_on <= as_of
}

/// TTM billed sales in cents across all publisher profiles passed in,
/// excluding fraudulent sales (saturating, so absurd inputs cannot panic).
pub fn trailing_twelve_month_sales(sales: &[BilledSale], as_of: Date) -> i64 {
    sales
        .iter()
        .filter(|s| counts_towards_ttm(s, as_of))
        .fold(0i64, |acc, s| acc.saturating_add(s.amount_cents))
}

/// Where the company stands and what is left to reach the next tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierProgress {
    pub current: Tier,
    /// `None` at the top tier.
    pub next: Option<Tier>,
    pub sales_cents: i64,
    /// Sales still missing to reach `next`; 0 at the top tier.
    pub shortfall_cents: i64,
    /// `sales / next threshold` in 1/100 of a percent (0..=10_000), i.e. the
    /// fill of a 0-to-next-tier bar; 10_000 at the top tier.
    pub progress_basis_points: u32,
}

/// Progress for a company's TTM sales.
pub fn tier_progress(sales_cents: i64) -> TierProgress {
    let current = tier_for_sales(sales_cents);
    let next = next_tier(current);
    let (shortfall_cents, progress_basis_points) = match next {
        None => (0, 10_000),
        Some(n) => {
            let target = n.threshold_cents();
            let sales = sales_cents.max(0);
            // i128 keeps the ratio exact for any i64 input.
            let bp = (i128::from(sales) * 10_000 / i128::from(target)).clamp(0, 9_999);
            (target - sales_cents.max(0), bp as u32)
        }
    };
    TierProgress {
        current,
        next,
        sales_cents,
        shortfall_cents,
        progress_basis_points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn sale(on: &str, dollars: i64, fraudulent: bool) -> BilledSale {
        BilledSale {
            publisher_profile_id: "pp-1".into(),
            offer_id: "offer-1".into(),
            billed_on: date(on),
            amount_cents: dollars * USD,
            fraudulent,
        }
    }

    #[test]
    fn tier_table() {
        // (TTM sales in cents, tier)
        let cases = [
            (0, Tier::Publisher),
            (49_999, Tier::Publisher),
            (50_000, Tier::Usd500),
            (2_499_999, Tier::Usd500),
            (2_500_000, Tier::Usd25k),
            (6_150_000, Tier::Usd50k),
            (10_000_000, Tier::Usd100k),
            (99_999_999, Tier::Usd500k),
            (100_000_000, Tier::Usd1m),
            (200_000_000, Tier::Usd2m),
            (500_000_000, Tier::Usd5m),
            (i64::MAX, Tier::Usd5m),
            (-1_000, Tier::Publisher),
        ];
        for (cents, tier) in cases {
            assert_eq!(tier_for_sales(cents), tier, "{cents}");
        }
    }

    #[test]
    fn spec_example_61500() {
        let p = tier_progress(61_500 * USD);
        assert_eq!(p.current, Tier::Usd50k);
        assert_eq!(p.next, Some(Tier::Usd100k));
        assert_eq!(p.shortfall_cents, 38_500 * USD);
        assert_eq!(p.progress_basis_points, 6_150);
    }

    #[test]
    fn top_tier_progress() {
        let p = tier_progress(7_000_000 * USD);
        assert_eq!(
            (p.current, p.next, p.shortfall_cents),
            (Tier::Usd5m, None, 0)
        );
        assert_eq!(p.progress_basis_points, 10_000);
    }

    #[test]
    fn next_and_previous() {
        assert_eq!(next_tier(Tier::Publisher), Some(Tier::Usd500));
        assert_eq!(next_tier(Tier::Usd5m), None);
        assert_eq!(previous_tier(Tier::Publisher), None);
        assert_eq!(previous_tier(Tier::Usd1m), Some(Tier::Usd500k));
    }

    #[test]
    fn mau_tiers() {
        assert_eq!(tier_for_monthly_active_users(0), Tier::Publisher);
        assert_eq!(tier_for_monthly_active_users(249), Tier::Publisher);
        assert_eq!(tier_for_monthly_active_users(250), Tier::Usd25k);
        assert_eq!(tier_for_monthly_active_users(1_000), Tier::Usd100k);
        assert_eq!(tier_for_monthly_active_users(600_000), Tier::Usd5m);
    }

    #[test]
    fn no_live_offer_means_no_tier() {
        assert_eq!(company_tier(false, 1_000_000 * USD), None);
        assert_eq!(company_tier(true, 0), Some(Tier::Publisher));
    }

    #[test]
    fn ttm_window_boundaries() {
        let as_of = date("2024-06-15");
        assert_eq!(ttm_window_start(as_of), date("2023-06-16"));
        let sales = [
            sale("2023-06-15", 1_000_000, false), // one day too old
            sale("2023-06-16", 40_000, false),    // first day in window
            sale("2024-06-15", 20_000, false),    // as-of day counts
            sale("2024-06-16", 1_000_000, false), // future
            sale("2024-01-01", 1_500, false),
            sale("2024-02-01", 900_000, true), // fraudulent
        ];
        assert_eq!(trailing_twelve_month_sales(&sales, as_of), 61_500 * USD);
        assert_eq!(
            tier_for_sales(trailing_twelve_month_sales(&sales, as_of)),
            Tier::Usd50k
        );
    }

    #[test]
    fn serde_names() {
        assert_eq!(serde_json::to_string(&Tier::Usd25k).unwrap(), "\"usd25k\"");
        assert_eq!(serde_json::to_string(&Tier::Usd1m).unwrap(), "\"usd1m\"");
        assert!(serde_json::from_str::<Tier>("\"usd4m\"").is_err());
        let s = sale("2024-01-01", 10, false);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<BilledSale>(&json).unwrap(), s);
    }

    proptest! {
        #[test]
        fn tier_is_monotonic(a in any::<i64>(), b in any::<i64>()) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(tier_for_sales(lo) <= tier_for_sales(hi));
        }

        #[test]
        fn progress_is_consistent(cents in any::<i64>()) {
            let p = tier_progress(cents);
            prop_assert!(p.progress_basis_points <= 10_000);
            prop_assert!(cents >= p.current.threshold_cents() || p.current == Tier::Publisher);
            match p.next {
                Some(n) => {
                    prop_assert!(p.shortfall_cents > 0);
                    prop_assert_eq!(tier_for_sales(cents.max(0) + p.shortfall_cents), n);
                    prop_assert!(p.progress_basis_points < 10_000);
                }
                None => prop_assert_eq!(p.shortfall_cents, 0),
            }
        }

        #[test]
        fn fraud_never_counts(days in proptest::collection::vec((0i64..800, -10_000i64..10_000_000, any::<bool>()), 0..40)) {
            let as_of = date("2024-06-15");
            let sales: Vec<BilledSale> = days.iter().map(|&(back, cents, fraud)| BilledSale {
                publisher_profile_id: "p".into(),
                offer_id: "o".into(),
                billed_on: as_of.add_days(-back),
                amount_cents: cents,
                fraudulent: fraud,
            }).collect();
            let clean: Vec<BilledSale> = sales.iter().filter(|s| !s.fraudulent).cloned().collect();
            prop_assert_eq!(trailing_twelve_month_sales(&sales, as_of), trailing_twelve_month_sales(&clean, as_of));
            let expected: i64 = clean.iter().filter(|s| s.billed_on >= ttm_window_start(as_of)).map(|s| s.amount_cents).sum();
            prop_assert_eq!(trailing_twelve_month_sales(&sales, as_of), expected);
        }
    }
}
