//! The benefit status machine.
//!
//! Allowed edges (everything else is rejected with [`TransitionError`]):
//!
//! | from                             | to          | when                                   |
//! |----------------------------------|-------------|----------------------------------------|
//! | Locked                           | Available   | the company reached the unlock tier    |
//! | Available                        | Activated   | partner pressed Activate               |
//! | Activated                        | InProgress  | the Rewards team made contact          |
//! | InProgress                       | Completed   | the engagement was delivered           |
//! | Locked, Available                | Expired     | the activate-by date has passed        |
//! | Available, Activated, InProgress | Revoked     | with a [`RevocationReason`]            |
//! | Activated, InProgress            | Available   | partner opts out (may activate again)  |
//!
//! Completed, Expired and Revoked are terminal. A locked benefit cannot be
//! revoked (it was never usable; the server simply removes it), and an
//! activated one no longer expires: the activate-by date only limits
//! pressing Activate. Every accepted transition appends one
//! [`StatusChange`] to the benefit's history.

use crate::date::Timestamp;
use crate::model::{Benefit, BenefitStatus, RevocationReason, StatusChange};
use crate::tier::Tier;
use serde::{Deserialize, Serialize};
use BenefitStatus::*;

/// Why a transition was rejected. The benefit is left untouched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TransitionError {
    /// The edge is not in the table above.
    NotAllowed {
        from: BenefitStatus,
        to: BenefitStatus,
    },
    /// Revoking needs a reason to show to the partner.
    ReasonRequired,
    /// Only revocations carry a reason.
    ReasonNotAllowed,
    /// Expiry before (or without) an activate-by date.
    NotPastActivateBy,
    /// Every change must name who made it.
    ActorRequired,
}

/// Whether `from → to` is an allowed edge.
pub fn is_allowed(from: BenefitStatus, to: BenefitStatus) -> bool {
    matches!(
        (from, to),
        (Locked, Available)
            | (Available, Activated)
            | (Activated, InProgress)
            | (InProgress, Completed)
            | (Locked | Available, Expired)
            | (Available | Activated | InProgress, Revoked)
            | (Activated | InProgress, Available)
    )
}

/// Statuses reachable in one step from `from`.
pub fn allowed_targets(from: BenefitStatus) -> Vec<BenefitStatus> {
    BenefitStatus::ALL
        .into_iter()
        .filter(|&to| is_allowed(from, to))
        .collect()
}

/// No edge leaves a terminal status.
pub fn is_terminal(status: BenefitStatus) -> bool {
    allowed_targets(status).is_empty()
}

/// Applies `benefit.status → to`, recording it in the history.
///
/// Side effects beyond `status`: `activated_at` is set on activation and
/// cleared on opt-out; `status_reason` is set on revocation.
pub fn transition(
    benefit: &mut Benefit,
    to: BenefitStatus,
    reason: Option<RevocationReason>,
    actor: &str,
    at: Timestamp,
) -> Result<StatusChange, TransitionError> {
    let from = benefit.status;
    check(benefit, to, reason, actor, at)?;
    benefit.status = to;
    match (from, to) {
        (_, Activated) => benefit.activated_at = Some(at),
        (Activated | InProgress, Available) => benefit.activated_at = None,
        _ => {}
    }
    benefit.status_reason = reason;
    let change = StatusChange {
        from: Some(from),
        to,
        at,
        actor: actor.trim().to_string(),
        reason,
        cause: None,
    };
    benefit.history.push(change.clone());
    Ok(change)
}

/// All preconditions of [`transition`], without changing anything.
pub fn check(
    benefit: &Benefit,
    to: BenefitStatus,
    reason: Option<RevocationReason>,
    actor: &str,
    at: Timestamp,
) -> Result<(), TransitionError> {
    let from = benefit.status;
    if !is_allowed(from, to) {
        return Err(TransitionError::NotAllowed { from, to });
    }
    match (to, reason) {
        (Revoked, None) => return Err(TransitionError::ReasonRequired),
        (Revoked, Some(_)) | (_, None) => {}
        (_, Some(_)) => return Err(TransitionError::ReasonNotAllowed),
    }
    if to == Expired && benefit.activate_by.is_none_or(|d| at.date() <= d) {
        return Err(TransitionError::NotPastActivateBy);
    }
    if actor.trim().is_empty() {
        return Err(TransitionError::ActorRequired);
    }
    Ok(())
}

/// Unlocks a locked benefit once the company tier reaches its unlock tier.
pub fn unlock_if_reached(
    benefit: &mut Benefit,
    company_tier: Option<Tier>,
    actor: &str,
    at: Timestamp,
) -> Option<StatusChange> {
    let reached = company_tier.is_some_and(|t| t >= benefit.unlock_tier);
    if benefit.status != Locked || !reached {
        return None;
    }
    transition(benefit, Available, None, actor, at).ok()
}

/// Expires a locked or available benefit whose activate-by date is past.
pub fn expire_if_due(benefit: &mut Benefit, actor: &str, at: Timestamp) -> Option<StatusChange> {
    transition(benefit, Expired, None, actor, at).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::model::{ActivationMode, BenefitCategory, BenefitSource, Quantity};
    use proptest::prelude::*;

    fn ts(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap()
    }

    fn benefit(status: BenefitStatus) -> Benefit {
        Benefit {
            id: "b".into(),
            key: "blog_feature".into(),
            category: BenefitCategory::SalesMarketing,
            source: BenefitSource::Transact { tier: Tier::Usd25k },
            quantity: Quantity::Included,
            unlock_tier: Tier::Usd25k,
            constraints: vec![],
            offer_id: Some("o".into()),
            activate_by: Date::new(2024, 6, 30),
            status,
            status_reason: None,
            history: vec![],
            activated_at: None,
            activation_mode: ActivationMode::InPortal,
            drawn_down: 0,
        }
    }

    #[test]
    fn edge_table() {
        let allowed = [
            (Locked, Available),
            (Available, Activated),
            (Activated, InProgress),
            (InProgress, Completed),
            (Locked, Expired),
            (Available, Expired),
            (Available, Revoked),
            (Activated, Revoked),
            (InProgress, Revoked),
            (Activated, Available),
            (InProgress, Available),
        ];
        for from in BenefitStatus::ALL {
            for to in BenefitStatus::ALL {
                assert_eq!(
                    is_allowed(from, to),
                    allowed.contains(&(from, to)),
                    "{from:?}->{to:?}"
                );
            }
        }
        assert!(is_terminal(Completed) && is_terminal(Expired) && is_terminal(Revoked));
        assert!(!is_terminal(Locked));
    }

    #[test]
    fn happy_path_records_history() {
        let mut b = benefit(Locked);
        let t = ts("2024-05-01T10:00:00Z");
        transition(&mut b, Available, None, "system", t).unwrap();
        transition(&mut b, Activated, None, "user-1", t).unwrap();
        assert_eq!(b.activated_at, Some(t));
        transition(&mut b, InProgress, None, "rewards-team", t).unwrap();
        let last = transition(&mut b, Completed, None, "rewards-team", t).unwrap();
        assert_eq!(last.from, Some(InProgress));
        assert_eq!(b.status, Completed);
        assert_eq!(b.history.len(), 4);
        assert_eq!(b.history[1].actor, "user-1");
    }

    #[test]
    fn rejections_are_typed() {
        let t = ts("2024-05-01T10:00:00Z");
        let cases = [
            (
                Locked,
                Activated,
                None,
                "u",
                t,
                TransitionError::NotAllowed {
                    from: Locked,
                    to: Activated,
                },
            ),
            (
                Completed,
                Available,
                None,
                "u",
                t,
                TransitionError::NotAllowed {
                    from: Completed,
                    to: Available,
                },
            ),
            (
                Available,
                Available,
                None,
                "u",
                t,
                TransitionError::NotAllowed {
                    from: Available,
                    to: Available,
                },
            ),
            (
                Available,
                Revoked,
                None,
                "u",
                t,
                TransitionError::ReasonRequired,
            ),
            (
                Available,
                Activated,
                Some(RevocationReason::OfferDelisted),
                "u",
                t,
                TransitionError::ReasonNotAllowed,
            ),
            (
                Available,
                Expired,
                None,
                "u",
                t,
                TransitionError::NotPastActivateBy,
            ),
            (
                Available,
                Activated,
                None,
                "  ",
                t,
                TransitionError::ActorRequired,
            ),
        ];
        for (from, to, reason, actor, at, err) in cases {
            let mut b = benefit(from);
            let before = b.clone();
            assert_eq!(transition(&mut b, to, reason, actor, at), Err(err));
            assert_eq!(b, before, "rejected transition must not mutate");
        }
    }

    #[test]
    fn expiry_needs_past_activate_by() {
        let mut b = benefit(Available);
        assert!(expire_if_due(&mut b, "system", ts("2024-06-30T23:59:59Z")).is_none());
        assert!(expire_if_due(&mut b, "system", ts("2024-07-01T00:00:00Z")).is_some());
        assert_eq!(b.status, Expired);
        let mut evergreen = Benefit {
            activate_by: None,
            ..benefit(Locked)
        };
        assert!(expire_if_due(&mut evergreen, "system", ts("9999-01-01T00:00:00Z")).is_none());
    }

    #[test]
    fn revoke_and_opt_out() {
        let t = ts("2024-05-01T10:00:00Z");
        let mut b = benefit(Available);
        transition(&mut b, Activated, None, "u", t).unwrap();
        transition(&mut b, Available, None, "u", t).unwrap();
        assert_eq!(b.activated_at, None);
        let r = RevocationReason::SponsorshipMisuse;
        let change = transition(&mut b, Revoked, Some(r), "admin", t).unwrap();
        assert_eq!((change.reason, b.status_reason), (Some(r), Some(r)));
    }

    #[test]
    fn unlock_only_when_tier_reached() {
        let t = ts("2024-05-01T10:00:00Z");
        let mut b = benefit(Locked);
        assert!(unlock_if_reached(&mut b, None, "system", t).is_none());
        assert!(unlock_if_reached(&mut b, Some(Tier::Usd500), "system", t).is_none());
        assert!(unlock_if_reached(&mut b, Some(Tier::Usd25k), "system", t).is_some());
        assert_eq!(b.status, Available);
        assert!(unlock_if_reached(&mut b, Some(Tier::Usd5m), "system", t).is_none());
    }

    #[test]
    fn error_serde() {
        let e = TransitionError::NotAllowed {
            from: Locked,
            to: Completed,
        };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            r#"{"code":"not_allowed","from":"locked","to":"completed"}"#
        );
        assert_eq!(serde_json::from_str::<TransitionError>(&json).unwrap(), e);
    }

    fn any_status() -> impl Strategy<Value = BenefitStatus> {
        proptest::sample::select(BenefitStatus::ALL.to_vec())
    }

    fn any_reason() -> impl Strategy<Value = Option<RevocationReason>> {
        proptest::option::of(proptest::sample::select(RevocationReason::ALL.to_vec()))
    }

    proptest! {
        #[test]
        fn random_sequences_respect_the_table(
            start in any_status(),
            steps in proptest::collection::vec((any_status(), any_reason(), 0i64..60, "[a-z ]{0,3}"), 0..40),
        ) {
            let mut now = ts("2024-06-01T00:00:00Z");
            // A consistent starting point, as if reached through the table.
            let mut b = benefit(start);
            if matches!(start, Activated | InProgress | Completed) {
                b.activated_at = Some(now);
            }
            if start == Revoked {
                b.status_reason = Some(RevocationReason::OfferDelisted);
            }
            let mut accepted = 0usize;
            for (to, reason, days, actor) in steps {
                now = now.add_days(days);
                let before = b.clone();
                match transition(&mut b, to, reason, &actor, now) {
                    Ok(change) => {
                        accepted += 1;
                        prop_assert!(is_allowed(before.status, to));
                        prop_assert_eq!(change.from, Some(before.status));
                        prop_assert_eq!(b.history.last(), Some(&change));
                        prop_assert_eq!(b.history.len(), before.history.len() + 1);
                    }
                    Err(_) => prop_assert_eq!(&b, &before),
                }
                // Invariants that only the allowed edges can establish.
                prop_assert_eq!(b.status_reason.is_some(), b.status == Revoked);
                if matches!(b.status, Activated | InProgress | Completed) {
                    prop_assert!(b.activated_at.is_some());
                }
            }
            prop_assert_eq!(b.history.len(), accepted);
            let mut expected_from = start;
            for change in &b.history {
                prop_assert_eq!(change.from, Some(expected_from));
                prop_assert!(is_allowed(expected_from, change.to));
                prop_assert!(!change.actor.is_empty());
                expected_from = change.to;
            }
            prop_assert_eq!(expected_from, b.status);
        }
    }
}
