//! Technical cases: who may move a case to which status, the promised reply
//! (two business days) and the draw-down of the technical benefit a case uses.
//!
//! Status edges (everything else is rejected with [`CaseError::NotAllowed`]):
//!
//! | from                                   | to                          | who          |
//! |----------------------------------------|-----------------------------|--------------|
//! | Submitted                              | Cancelled                   | partner      |
//! | Submitted                              | InReview, Closed            | Rewards team |
//! | InReview                               | InProgress, ActionRequired, Resolved, Closed | Rewards team |
//! | ActionRequired                         | InReview, InProgress, Closed | Rewards team |
//! | InProgress                             | ActionRequired, Resolved, Closed | Rewards team |
//! | Resolved                               | InProgress (reopened), Closed | Rewards team |
//!
//! Closed and Cancelled are terminal. A case is *open* (the partner can add a
//! note) until it is Resolved, Closed or Cancelled. Resolving a case that draws
//! on a technical benefit records the quantity it used, which counts against
//! that benefit's quantity ([`check_quantity_used`]); reopening gives it back.

use crate::date::Timestamp;
use crate::model::{
    Benefit, BenefitCategory, BenefitStatus, Quantity, RequestStatus, TechnicalPhase,
};
use serde::{Deserialize, Serialize};
use RequestStatus::*;

/// Business days promised for the first reply of the Rewards team.
pub const REPLY_BUSINESS_DAYS: u32 = 2;

/// Why a case change was rejected. The case is left untouched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CaseError {
    /// The edge is not in the table above (for this party).
    NotAllowed {
        from: RequestStatus,
        to: RequestStatus,
    },
    /// Notes are only for open cases.
    CaseNotOpen,
    /// Resolving a case that draws on a benefit must say how much it used.
    QuantityRequired,
    /// A quantity only goes with resolving a case that draws on a benefit.
    QuantityNotAllowed,
    /// More than the benefit has left.
    QuantityExceedsRemaining { remaining: u32 },
}

/// Whether the partner can still write on the case.
pub fn is_open(status: RequestStatus) -> bool {
    !matches!(status, Resolved | Closed | Cancelled)
}

/// The partner may cancel only what the team has not picked up yet.
pub fn partner_can_cancel(status: RequestStatus) -> bool {
    status == Submitted
}

/// Whether the Rewards team may move a case `from → to`.
pub fn team_can_move(from: RequestStatus, to: RequestStatus) -> bool {
    matches!(
        (from, to),
        (Submitted, InReview | Closed)
            | (InReview, InProgress | ActionRequired | Resolved | Closed)
            | (ActionRequired, InReview | InProgress | Closed)
            | (InProgress, ActionRequired | Resolved | Closed)
            | (Resolved, InProgress | Closed)
    )
}

/// Statuses the Rewards team can move a case to from `from`.
pub fn team_next(from: RequestStatus) -> Vec<RequestStatus> {
    RequestStatus::ALL
        .into_iter()
        .filter(|to| team_can_move(from, *to))
        .collect()
}

/// Checks a team transition and its quantity. `remaining` is what the linked
/// benefit has left (`None`: unlimited, or no counted benefit); `draws` says
/// whether the case is linked to a benefit at all.
pub fn check_team_transition(
    from: RequestStatus,
    to: RequestStatus,
    draws: bool,
    remaining: Option<u32>,
    quantity_used: Option<u32>,
) -> Result<(), CaseError> {
    if !team_can_move(from, to) {
        return Err(CaseError::NotAllowed { from, to });
    }
    match (to == Resolved && draws, quantity_used) {
        (true, None) => Err(CaseError::QuantityRequired),
        (true, Some(used)) => check_quantity_used(used, remaining),
        (false, Some(_)) => Err(CaseError::QuantityNotAllowed),
        (false, None) => Ok(()),
    }
}

/// A used quantity is at least 1 and at most what is left (no limit when
/// `remaining` is `None`, e.g. unlimited incidents).
pub fn check_quantity_used(used: u32, remaining: Option<u32>) -> Result<(), CaseError> {
    match remaining {
        _ if used == 0 => Err(CaseError::QuantityRequired),
        Some(left) if used > left => Err(CaseError::QuantityExceedsRemaining { remaining: left }),
        _ => Ok(()),
    }
}

/// The partner's cancel.
pub fn check_cancel(from: RequestStatus) -> Result<(), CaseError> {
    if partner_can_cancel(from) {
        Ok(())
    } else {
        Err(CaseError::NotAllowed {
            from,
            to: Cancelled,
        })
    }
}

/// A note on the case (either party).
pub fn check_note(status: RequestStatus) -> Result<(), CaseError> {
    if is_open(status) {
        Ok(())
    } else {
        Err(CaseError::CaseNotOpen)
    }
}

/// Day of the week of `at` in UTC, 0 = Monday … 6 = Sunday.
pub fn weekday(at: Timestamp) -> i64 {
    // 1970-01-01 was a Thursday (3).
    (at.date().days_since_epoch() + 3).rem_euclid(7)
}

/// `at` plus `n` business days: each step moves one calendar day and only
/// Monday to Friday (UTC) count, so Friday 10:00 + 2 is Tuesday 10:00 and a
/// Saturday submission is due Tuesday at the same time of day. Public holidays
/// are not known to the programme and are not skipped.
pub fn add_business_days(at: Timestamp, n: u32) -> Timestamp {
    let mut t = at;
    let mut left = n;
    while left > 0 {
        t = t.add_days(1);
        if weekday(t) < 5 {
            left -= 1;
        }
    }
    t
}

/// When the first reply is due for a case submitted at `created_at`.
pub fn reply_due_by(created_at: Timestamp) -> Timestamp {
    add_business_days(created_at, REPLY_BUSINESS_DAYS)
}

/// Whether the promise of a first reply was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReplyState {
    /// No reply yet and the due time has not passed.
    Pending,
    /// The team replied (a status change or a note) by the due time.
    Met,
    /// The team replied late, or has not replied and the due time has passed.
    Missed,
    /// The partner cancelled before any reply was due or given.
    NotNeeded,
}

/// The reply promise of a case: `first_reply` is the first status change or
/// note by the Rewards team, `cancelled_at` when the partner cancelled.
pub fn reply_state(
    due: Timestamp,
    first_reply: Option<Timestamp>,
    cancelled_at: Option<Timestamp>,
    now: Timestamp,
) -> ReplyState {
    match (first_reply, cancelled_at) {
        (Some(at), _) if at <= due => ReplyState::Met,
        (Some(_), _) => ReplyState::Missed,
        (None, Some(at)) if at <= due => ReplyState::NotNeeded,
        (None, Some(_)) => ReplyState::Missed,
        (None, None) if now <= due => ReplyState::Pending,
        (None, None) => ReplyState::Missed,
    }
}

/// The technical benefits a case of `phase` can draw on, in order of
/// preference (catalogue keys): advisory hours for presales and deployment, a
/// design review (then advisory hours) for design, support incidents for app
/// development.
pub fn benefit_keys_for_phase(phase: TechnicalPhase) -> &'static [&'static str] {
    match phase {
        TechnicalPhase::Presales | TechnicalPhase::Deployment => &["presales_deployment_advisory"],
        TechnicalPhase::Design => &["application_design_review", "presales_deployment_advisory"],
        TechnicalPhase::AppDevelopment => &["support_incidents"],
    }
}

/// Whether the partner can use `b` for a case now: a technical benefit that is
/// unlocked and still valid, with something left (or unlimited).
pub fn is_drawable(b: &Benefit) -> bool {
    b.category == BenefitCategory::Technical
        && matches!(
            b.status,
            BenefitStatus::Available | BenefitStatus::Activated | BenefitStatus::InProgress
        )
        && match b.quantity {
            Quantity::Count { .. } => b.remaining().is_some_and(|left| left > 0),
            Quantity::Unlimited { .. } => true,
            _ => false,
        }
}

/// The benefit a new case of `phase` draws on: the first drawable benefit
/// of the phase's preferred keys (in that order, then in the given order).
pub fn draws_on(phase: TechnicalPhase, benefits: &[Benefit]) -> Option<&Benefit> {
    benefit_keys_for_phase(phase)
        .iter()
        .find_map(|key| benefits.iter().find(|b| b.key == *key && is_drawable(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{self, Grant};
    use crate::date::Date;
    use crate::model::{OfferType, QuantityUnit};
    use crate::tier::Tier;

    fn at(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    #[test]
    fn business_days_skip_weekends() {
        // 2026-12-07 is a Monday.
        assert_eq!(weekday(at("2026-12-07T09:00:00Z")), 0);
        assert_eq!(weekday(at("2026-12-13T09:00:00Z")), 6);
        let cases = [
            ("2026-12-07T09:00:00Z", "2026-12-09T09:00:00Z"), // Mon → Wed
            ("2026-12-10T15:30:00Z", "2026-12-14T15:30:00Z"), // Thu → Mon
            ("2026-12-11T10:00:00Z", "2026-12-15T10:00:00Z"), // Fri → Tue
            ("2026-12-12T10:00:00Z", "2026-12-15T10:00:00Z"), // Sat → Tue
            ("2026-12-13T23:59:00Z", "2026-12-15T23:59:00Z"), // Sun → Tue
        ];
        for (from, due) in cases {
            assert_eq!(reply_due_by(at(from)), at(due), "{from}");
        }
        assert_eq!(
            add_business_days(at("2026-12-07T09:00:00Z"), 0),
            at("2026-12-07T09:00:00Z")
        );
        assert_eq!(
            add_business_days(at("2026-12-07T09:00:00Z"), 5),
            at("2026-12-14T09:00:00Z")
        );
    }

    #[test]
    fn the_due_time_is_always_a_weekday_after_the_start() {
        let start = at("2026-01-01T08:00:00Z");
        for day in 0..60 {
            let created = start.add_days(day);
            let due = reply_due_by(created);
            assert!(weekday(due) < 5);
            let span = created.seconds_until(due) / 86_400;
            assert!((2..=4).contains(&span), "{created} → {due}");
        }
    }

    #[test]
    fn reply_promise() {
        let due = at("2026-12-09T09:00:00Z");
        let before = at("2026-12-08T12:00:00Z");
        let after = at("2026-12-10T12:00:00Z");
        use ReplyState::*;
        assert_eq!(reply_state(due, None, None, before), Pending);
        assert_eq!(reply_state(due, None, None, due), Pending);
        assert_eq!(reply_state(due, None, None, after), Missed);
        assert_eq!(reply_state(due, Some(before), None, after), Met);
        assert_eq!(reply_state(due, Some(due), None, after), Met);
        assert_eq!(reply_state(due, Some(after), None, after), Missed);
        assert_eq!(reply_state(due, None, Some(before), after), NotNeeded);
        assert_eq!(reply_state(due, None, Some(after), after), Missed);
        assert_eq!(reply_state(due, Some(before), Some(after), after), Met);
    }

    #[test]
    fn who_moves_what() {
        assert!(partner_can_cancel(Submitted));
        for s in RequestStatus::ALL.into_iter().filter(|s| *s != Submitted) {
            assert!(!partner_can_cancel(s));
            assert_eq!(
                check_cancel(s),
                Err(CaseError::NotAllowed {
                    from: s,
                    to: Cancelled
                })
            );
        }
        assert_eq!(team_next(Submitted), vec![InReview, Closed]);
        assert_eq!(
            team_next(InReview),
            vec![ActionRequired, InProgress, Resolved, Closed]
        );
        assert_eq!(team_next(Resolved), vec![InProgress, Closed]);
        assert!(team_next(Closed).is_empty());
        assert!(team_next(Cancelled).is_empty());
        // Nobody moves a case to Submitted, and the team never cancels.
        for from in RequestStatus::ALL {
            assert!(!team_can_move(from, Submitted));
            assert!(!team_can_move(from, Cancelled));
            assert!(!team_can_move(from, from));
        }
    }

    #[test]
    fn notes_only_on_open_cases() {
        for s in [Submitted, InReview, ActionRequired, InProgress] {
            assert!(is_open(s));
            assert_eq!(check_note(s), Ok(()));
        }
        for s in [Resolved, Closed, Cancelled] {
            assert!(!is_open(s));
            assert_eq!(check_note(s), Err(CaseError::CaseNotOpen));
        }
    }

    #[test]
    fn resolving_draws_down() {
        assert_eq!(
            check_team_transition(InProgress, Resolved, true, Some(50), None),
            Err(CaseError::QuantityRequired)
        );
        assert_eq!(
            check_team_transition(InProgress, Resolved, true, Some(50), Some(0)),
            Err(CaseError::QuantityRequired)
        );
        assert_eq!(
            check_team_transition(InProgress, Resolved, true, Some(50), Some(6)),
            Ok(())
        );
        assert_eq!(
            check_team_transition(InProgress, Resolved, true, Some(5), Some(6)),
            Err(CaseError::QuantityExceedsRemaining { remaining: 5 })
        );
        assert_eq!(
            check_team_transition(InProgress, Resolved, true, None, Some(600)),
            Ok(())
        );
        assert_eq!(
            check_team_transition(InProgress, Resolved, false, None, Some(1)),
            Err(CaseError::QuantityNotAllowed)
        );
        assert_eq!(
            check_team_transition(InReview, InProgress, true, Some(50), Some(1)),
            Err(CaseError::QuantityNotAllowed)
        );
        assert_eq!(
            check_team_transition(InProgress, Resolved, false, None, None),
            Ok(())
        );
        assert_eq!(
            check_team_transition(Closed, Resolved, true, Some(50), Some(1)),
            Err(CaseError::NotAllowed {
                from: Closed,
                to: Resolved
            })
        );
    }

    fn technical(key: &str, tier: Tier, id: &str) -> Benefit {
        let at = Date::new(2026, 1, 1).unwrap().start_of_day();
        catalog::find_transact(key, tier)
            .unwrap()
            .instantiate(Grant {
                id,
                offer_id: Some("o"),
                offer_type: OfferType::Transact,
                company_tier: Some(Tier::Usd50k),
                granted_on: at.date(),
                at,
                actor: "system",
            })
    }

    #[test]
    fn remaining_quantity() {
        let mut hours = technical("presales_deployment_advisory", Tier::Usd25k, "h");
        assert_eq!(
            hours.quantity,
            Quantity::Count {
                n: 50,
                unit: QuantityUnit::Hours
            }
        );
        assert_eq!(hours.remaining(), Some(50));
        hours.drawn_down = 12;
        assert_eq!(hours.remaining(), Some(38));
        hours.drawn_down = 60;
        assert_eq!(hours.remaining(), Some(0));
        assert!(!is_drawable(&hours));
        let unlimited = technical("support_incidents", Tier::Usd1m, "u");
        assert_eq!(unlimited.remaining(), None);
    }

    #[test]
    fn which_benefit_a_case_draws_on() {
        let hours = technical("presales_deployment_advisory", Tier::Usd25k, "h");
        let incidents = technical("support_incidents", Tier::Usd50k, "i");
        let mut review = technical("application_design_review", Tier::Usd500, "r");
        let all = vec![hours.clone(), incidents.clone(), review.clone()];
        let id = |p| draws_on(p, &all).map(|b| b.id.clone());
        assert_eq!(id(TechnicalPhase::Presales).as_deref(), Some("h"));
        assert_eq!(id(TechnicalPhase::Deployment).as_deref(), Some("h"));
        assert_eq!(id(TechnicalPhase::Design).as_deref(), Some("r"));
        assert_eq!(id(TechnicalPhase::AppDevelopment).as_deref(), Some("i"));
        // A used-up or revoked design review falls back to advisory hours.
        review.drawn_down = 1;
        let used = vec![hours.clone(), review.clone()];
        assert_eq!(
            draws_on(TechnicalPhase::Design, &used).map(|b| b.id.as_str()),
            Some("h")
        );
        let locked = Benefit {
            status: BenefitStatus::Locked,
            ..hours
        };
        assert!(draws_on(TechnicalPhase::Presales, &[locked]).is_none());
        assert!(draws_on(TechnicalPhase::AppDevelopment, &[]).is_none());
    }
}
