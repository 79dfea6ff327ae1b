//! Statuses that move with time and billed sales, evaluated against a clock
//! the caller passes in (the core never reads one):
//!
//! - **expiry**: a `Locked` or `Available` benefit whose activate-by date has
//!   passed becomes `Expired`, dated the first moment after that day;
//! - **unlock**: a `Locked` benefit becomes `Available` once the company's
//!   tier (by billed sales, or for Microsoft 365 apps by monthly active
//!   users) reaches its unlock tier;
//! - **expires soon**: an `Available` benefit whose activate-by date is at
//!   most [`EXPIRES_SOON_DAYS`] days away;
//! - **the four-week rule**: a live offer with no message from the Rewards
//!   team more than four weeks after going live needs a follow-up;
//! - **opting out** of an engagement, with a recorded reason.
//!
//! Every change carries a [`ChangeCause`] in its history record.

use crate::activation::listing_follow_up_due;
use crate::date::{Date, Timestamp};
use crate::model::{Benefit, BenefitStatus, OfferType, StatusChange};
use crate::status::{transition, TransitionError};
use crate::tier::{tier_for_monthly_active_users, tier_for_sales, Tier};
use serde::{Deserialize, Serialize};

/// Benefits whose activate-by date is at most this many days away are
/// flagged as expiring soon.
pub const EXPIRES_SOON_DAYS: i64 = 30;

/// The actor of changes made by the rules.
pub const SYSTEM_ACTOR: &str = "system";

/// Why a partner opts out of an engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OptOutReason {
    /// The company no longer needs this benefit.
    NoLongerNeeded,
    /// Not now; the company may activate it again later.
    NotNow,
    /// The company is working with Microsoft on this through another channel.
    HandledElsewhere,
    Other,
}

impl OptOutReason {
    pub const ALL: [OptOutReason; 4] = [
        OptOutReason::NoLongerNeeded,
        OptOutReason::NotNow,
        OptOutReason::HandledElsewhere,
        OptOutReason::Other,
    ];
}

/// Why a status changed. JSON: `{"code": "activate_by_passed",
/// "activate_by": "2026-05-01"}`, `{"code": "tier_reached", "tier": "usd100k",
/// "billed_sales_ttm_cents": 10150000}`, `{"code": "tier_reached_by_users",
/// "tier": "usd25k", "monthly_active_users": 320}`, `{"code": "opted_out",
/// "reason": "not_now"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ChangeCause {
    /// The activate-by date passed before the benefit was activated.
    ActivateByPassed {
        #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, examples("2026-05-01")))]
        activate_by: Date,
    },
    /// Trailing-twelve-month billed sales reached the benefit's tier.
    TierReached {
        tier: Tier,
        billed_sales_ttm_cents: i64,
    },
    /// Monthly active users of a Microsoft 365 app reached the benefit's tier.
    TierReachedByUsers {
        tier: Tier,
        monthly_active_users: u64,
    },
    /// The partner opted out of the engagement.
    OptedOut { reason: OptOutReason },
}

/// What the company's tier rests on at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TierStanding {
    /// Whether the company is in the programme at all (eligible).
    pub eligible: bool,
    pub billed_sales_ttm_cents: i64,
    /// Highest monthly active users of the company's live Microsoft 365
    /// apps; `None` without such an app.
    pub monthly_active_users: Option<u64>,
}

impl TierStanding {
    /// The tier by billed sales alone.
    pub fn sales_tier(&self) -> Option<Tier> {
        self.eligible
            .then(|| tier_for_sales(self.billed_sales_ttm_cents))
    }

    /// The tier by monthly active users alone (Microsoft 365 apps).
    pub fn users_tier(&self) -> Option<Tier> {
        self.monthly_active_users
            .filter(|_| self.eligible)
            .map(tier_for_monthly_active_users)
    }

    /// The company tier: the higher of the two paths.
    pub fn tier(&self) -> Option<Tier> {
        self.sales_tier().max(self.users_tier())
    }

    /// The cause to record when `unlock_tier` is reached, preferring billed
    /// sales when both paths reach it; `None` when it is not reached.
    pub fn reaches(&self, unlock_tier: Tier) -> Option<ChangeCause> {
        let tier = self.tier()?;
        if self.sales_tier().is_some_and(|t| t >= unlock_tier) {
            Some(ChangeCause::TierReached {
                tier,
                billed_sales_ttm_cents: self.billed_sales_ttm_cents,
            })
        } else if self.users_tier().is_some_and(|t| t >= unlock_tier) {
            Some(ChangeCause::TierReachedByUsers {
                tier,
                monthly_active_users: self.monthly_active_users.unwrap_or(0),
            })
        } else {
            None
        }
    }
}

/// Applies the time and tier rules to `benefit` as of `now` and returns the
/// changes made (already appended to its history, actor
/// [`SYSTEM_ACTOR`]). Expiry wins over unlocking: a benefit whose
/// activate-by date has passed is not unlocked first.
pub fn refresh(
    benefit: &mut Benefit,
    standing: &TierStanding,
    now: Timestamp,
) -> Vec<StatusChange> {
    let mut changes = Vec::new();
    if let Some(change) = expire(benefit, now) {
        changes.push(change);
    }
    if benefit.status == BenefitStatus::Locked {
        if let Some(cause) = standing.reaches(benefit.unlock_tier) {
            let result = transition(benefit, BenefitStatus::Available, None, SYSTEM_ACTOR, now);
            if let Ok(change) = with_cause(benefit, result, cause) {
                changes.push(change);
            }
        }
    }
    changes
}

/// Expires a locked or available benefit whose activate-by date is before
/// `now`'s day, dated the start of the day after its activate-by date (or
/// `now`, if that is earlier).
fn expire(benefit: &mut Benefit, now: Timestamp) -> Option<StatusChange> {
    let by = benefit.activate_by?;
    let due = matches!(
        benefit.status,
        BenefitStatus::Locked | BenefitStatus::Available
    ) && now.date() > by;
    if !due {
        return None;
    }
    let at = by.add_days(1).start_of_day().min(now);
    let result = transition(benefit, BenefitStatus::Expired, None, SYSTEM_ACTOR, at);
    with_cause(
        benefit,
        result,
        ChangeCause::ActivateByPassed { activate_by: by },
    )
    .ok()
}

/// Stores `cause` on an accepted change and on its history record.
fn with_cause(
    benefit: &mut Benefit,
    result: Result<StatusChange, TransitionError>,
    cause: ChangeCause,
) -> Result<StatusChange, TransitionError> {
    let mut change = result?;
    change.cause = Some(cause);
    if let Some(last) = benefit.history.last_mut() {
        last.cause = Some(cause);
    }
    Ok(change)
}

/// Opts out of an activated or in-progress engagement: the benefit is
/// available again (it may be activated again while its activate-by date
/// allows), and the reason is kept in its history.
pub fn opt_out(
    benefit: &mut Benefit,
    reason: OptOutReason,
    actor: &str,
    now: Timestamp,
) -> Result<StatusChange, TransitionError> {
    if !matches!(
        benefit.status,
        BenefitStatus::Activated | BenefitStatus::InProgress
    ) {
        return Err(TransitionError::NotAllowed {
            from: benefit.status,
            to: BenefitStatus::Available,
        });
    }
    let result = transition(benefit, BenefitStatus::Available, None, actor, now);
    with_cause(benefit, result, ChangeCause::OptedOut { reason })
}

/// Days left to activate (0 on the activate-by day itself) when the benefit
/// is available and its activate-by date is at most [`EXPIRES_SOON_DAYS`]
/// away; `None` otherwise.
pub fn expires_soon(benefit: &Benefit, today: Date) -> Option<i64> {
    let by = benefit.activate_by?;
    let left = today.days_until(by);
    (benefit.status == BenefitStatus::Available && (0..=EXPIRES_SOON_DAYS).contains(&left))
        .then_some(left)
}

/// Whether a partner may opt in to or out of the Rewards team's engagement
/// for a whole offer of this type (List and Trial offers).
pub fn offer_engagement_optional(offer_type: OfferType) -> bool {
    matches!(offer_type, OfferType::List | OfferType::Trial)
}

/// The four-week rule for one offer: `Some(days live)` when the offer went
/// live more than four weeks before `today`, the Rewards team has not been
/// in touch, and the partner has not opted out of the engagement.
pub fn follow_up_due(
    live_date: Option<Date>,
    today: Date,
    contacted: bool,
    opted_out: bool,
) -> Option<i64> {
    let live = live_date.filter(|d| *d <= today)?;
    (!opted_out && listing_follow_up_due(live, today, contacted)).then(|| live.days_until(today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActivationMode, BenefitCategory, BenefitSource, Quantity};
    use proptest::prelude::*;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn benefit(status: BenefitStatus, unlock: Tier, by: Option<&str>) -> Benefit {
        Benefit {
            id: "b".into(),
            key: "success_story".into(),
            category: BenefitCategory::SalesMarketing,
            source: BenefitSource::Transact { tier: unlock },
            quantity: Quantity::Included,
            unlock_tier: unlock,
            constraints: vec![],
            offer_id: Some("o".into()),
            activate_by: by.map(date),
            status,
            status_reason: None,
            history: vec![],
            activated_at: None,
            activation_mode: ActivationMode::InPortal,
            drawn_down: 0,
        }
    }

    fn standing(dollars: i64, mau: Option<u64>) -> TierStanding {
        TierStanding {
            eligible: true,
            billed_sales_ttm_cents: dollars * 100,
            monthly_active_users: mau,
        }
    }

    #[test]
    fn expiry_is_dated_the_day_after_activate_by_with_its_reason() {
        let mut b = benefit(
            BenefitStatus::Available,
            Tier::Publisher,
            Some("2026-06-30"),
        );
        let s = standing(0, None);
        assert!(refresh(&mut b, &s, ts("2026-06-30T23:59:59Z")).is_empty());
        let changes = refresh(&mut b, &s, ts("2026-08-15T10:00:00Z"));
        assert_eq!(changes.len(), 1);
        assert_eq!(b.status, BenefitStatus::Expired);
        let last = b.history.last().unwrap();
        assert_eq!(last.at, ts("2026-07-01T00:00:00Z"));
        assert_eq!(last.actor, SYSTEM_ACTOR);
        assert_eq!(
            last.cause,
            Some(ChangeCause::ActivateByPassed {
                activate_by: date("2026-06-30")
            })
        );
        // Evaluated again: nothing more happens.
        assert!(refresh(&mut b, &s, ts("2027-01-01T00:00:00Z")).is_empty());
    }

    #[test]
    fn activated_and_evergreen_benefits_never_expire() {
        let s = standing(0, None);
        for status in [
            BenefitStatus::Activated,
            BenefitStatus::InProgress,
            BenefitStatus::Completed,
            BenefitStatus::Revoked,
        ] {
            let mut b = benefit(status, Tier::Publisher, Some("2026-01-01"));
            assert!(refresh(&mut b, &s, ts("2027-01-01T00:00:00Z")).is_empty());
        }
        let mut evergreen = benefit(BenefitStatus::Available, Tier::Publisher, None);
        assert!(refresh(&mut evergreen, &s, ts("9999-01-01T00:00:00Z")).is_empty());
    }

    #[test]
    fn unlock_when_billed_sales_reach_the_tier() {
        let now = ts("2026-06-01T08:00:00Z");
        let mut b = benefit(BenefitStatus::Locked, Tier::Usd100k, None);
        assert!(refresh(&mut b, &standing(99_999, None), now).is_empty());
        assert_eq!(b.status, BenefitStatus::Locked);
        let changes = refresh(&mut b, &standing(101_500, None), now);
        assert_eq!(changes.len(), 1);
        assert_eq!(b.status, BenefitStatus::Available);
        assert_eq!(
            b.history.last().unwrap().cause,
            Some(ChangeCause::TierReached {
                tier: Tier::Usd100k,
                billed_sales_ttm_cents: 10_150_000
            })
        );
        assert_eq!(b.history.last().unwrap().at, now);
    }

    #[test]
    fn not_eligible_unlocks_nothing() {
        let mut b = benefit(BenefitStatus::Locked, Tier::Publisher, None);
        let s = TierStanding {
            eligible: false,
            ..standing(1_000_000, Some(1_000_000))
        };
        assert_eq!(s.tier(), None);
        assert!(refresh(&mut b, &s, ts("2026-06-01T08:00:00Z")).is_empty());
    }

    #[test]
    fn unlock_by_monthly_active_users() {
        let now = ts("2026-06-01T08:00:00Z");
        let s = standing(30_000, Some(1_200));
        assert_eq!(s.sales_tier(), Some(Tier::Usd25k));
        assert_eq!(s.users_tier(), Some(Tier::Usd100k));
        assert_eq!(s.tier(), Some(Tier::Usd100k));
        let mut b = benefit(BenefitStatus::Locked, Tier::Usd100k, None);
        refresh(&mut b, &s, now);
        assert_eq!(
            b.history.last().unwrap().cause,
            Some(ChangeCause::TierReachedByUsers {
                tier: Tier::Usd100k,
                monthly_active_users: 1_200
            })
        );
        // Sales reaching it as well: the sales path is named.
        let mut low = benefit(BenefitStatus::Locked, Tier::Usd25k, None);
        refresh(&mut low, &s, now);
        assert!(matches!(
            low.history.last().unwrap().cause,
            Some(ChangeCause::TierReached { .. })
        ));
    }

    #[test]
    fn expiry_wins_over_unlock() {
        let mut b = benefit(BenefitStatus::Locked, Tier::Usd500, Some("2026-01-31"));
        let changes = refresh(&mut b, &standing(1_000, None), ts("2026-03-01T00:00:00Z"));
        assert_eq!(changes.len(), 1);
        assert_eq!(b.status, BenefitStatus::Expired);
    }

    #[test]
    fn expires_soon_window() {
        let today = date("2026-06-01");
        let at =
            |by: &str, status| expires_soon(&benefit(status, Tier::Publisher, Some(by)), today);
        assert_eq!(at("2026-06-01", BenefitStatus::Available), Some(0));
        assert_eq!(at("2026-07-01", BenefitStatus::Available), Some(30));
        assert_eq!(at("2026-07-02", BenefitStatus::Available), None);
        assert_eq!(at("2026-05-31", BenefitStatus::Available), None);
        assert_eq!(at("2026-06-10", BenefitStatus::Activated), None);
        assert_eq!(at("2026-06-10", BenefitStatus::Locked), None);
        let evergreen = benefit(BenefitStatus::Available, Tier::Publisher, None);
        assert_eq!(expires_soon(&evergreen, today), None);
    }

    #[test]
    fn four_week_rule() {
        let today = date("2026-06-30");
        let live = Some(date("2026-06-02")); // 28 days: not yet
        assert_eq!(follow_up_due(live, today, false, false), None);
        let live = Some(date("2026-06-01")); // 29 days
        assert_eq!(follow_up_due(live, today, false, false), Some(29));
        assert_eq!(follow_up_due(live, today, true, false), None);
        assert_eq!(follow_up_due(live, today, false, true), None);
        assert_eq!(follow_up_due(None, today, false, false), None);
        assert_eq!(
            follow_up_due(Some(date("2026-07-01")), today, false, false),
            None
        );
    }

    #[test]
    fn opt_out_records_the_reason() {
        let now = ts("2026-06-01T08:00:00Z");
        let mut b = benefit(BenefitStatus::Available, Tier::Publisher, None);
        assert!(opt_out(&mut b, OptOutReason::NotNow, "u", now).is_err());
        transition(&mut b, BenefitStatus::Activated, None, "u", now).unwrap();
        let change = opt_out(&mut b, OptOutReason::HandledElsewhere, "u", now).unwrap();
        assert_eq!(b.status, BenefitStatus::Available);
        assert_eq!(b.activated_at, None);
        assert_eq!(
            change.cause,
            Some(ChangeCause::OptedOut {
                reason: OptOutReason::HandledElsewhere
            })
        );
        assert_eq!(b.history.last(), Some(&change));
        for status in [BenefitStatus::Completed, BenefitStatus::Expired] {
            let mut done = benefit(status, Tier::Publisher, None);
            assert!(opt_out(&mut done, OptOutReason::Other, "u", now).is_err());
        }
    }

    #[test]
    fn engagement_choice_is_for_list_and_trial() {
        assert!(offer_engagement_optional(OfferType::List));
        assert!(offer_engagement_optional(OfferType::Trial));
        assert!(!offer_engagement_optional(OfferType::Consulting));
        assert!(!offer_engagement_optional(OfferType::Transact));
    }

    #[test]
    fn cause_wire_format() {
        let c = ChangeCause::ActivateByPassed {
            activate_by: date("2026-05-01"),
        };
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"code":"activate_by_passed","activate_by":"2026-05-01"}"#
        );
        let old = r#"{"from":"locked","to":"available","at":"2026-05-01T00:00:00Z","actor":"system","reason":null}"#;
        let change: StatusChange = serde_json::from_str(old).unwrap();
        assert_eq!(change.cause, None);
    }

    proptest! {
        /// Whatever the clock and the sales do, refreshing is idempotent and
        /// only ever takes allowed edges, recorded with a cause.
        #[test]
        fn refresh_is_idempotent(
            start in proptest::sample::select(BenefitStatus::ALL.to_vec()),
            unlock in proptest::sample::select(Tier::ALL.to_vec()),
            by_offset in proptest::option::of(-400i64..400),
            dollars in 0i64..6_000_000,
            mau in proptest::option::of(0u64..600_000),
            days in 0i64..800,
        ) {
            let base = date("2026-01-01");
            let mut b = benefit(start, unlock, None);
            b.activate_by = by_offset.map(|o| base.add_days(o));
            let now = base.start_of_day().add_days(days);
            let s = standing(dollars, mau);
            let changes = refresh(&mut b, &s, now);
            prop_assert!(changes.len() <= 1);
            for c in &changes {
                prop_assert!(crate::status::is_allowed(c.from.unwrap(), c.to));
                prop_assert!(c.cause.is_some());
                prop_assert!(c.at <= now);
            }
            let again = refresh(&mut b, &s, now);
            prop_assert!(again.is_empty());
            if b.status == BenefitStatus::Locked {
                prop_assert!(s.tier().is_none_or(|t| t < unlock));
            }
            if matches!(b.status, BenefitStatus::Locked | BenefitStatus::Available) {
                prop_assert!(b.activate_by.is_none_or(|d| now.date() <= d));
            }
        }
    }
}
