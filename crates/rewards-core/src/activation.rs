//! May this user press Activate on this benefit right now? And is the
//! Rewards team late with its follow-up?
//!
//! [`check_activation`] returns the single most useful blocker, checked in
//! this order (facts about the benefit first, then about the user, then
//! prerequisites the user can fix):
//!
//! 1. activation mode: Azure sponsorship arrives by email ([`ActivationBlocked::ActivatedByEmail`]);
//! 2. status: revoked, expired (status or activate-by date past), already
//!    activated/in progress/completed;
//! 3. programme: company not eligible, tier below the unlock tier, or the
//!    benefit is still `Locked` although the tier is reached (not yet
//!    refreshed: [`ActivationBlocked::NotAvailable`]);
//! 4. role: only MPN partner admin, global admin or admin agent;
//! 5. a company marketing contact (sales and marketing benefits only);
//! 6. the benefit's constraint markers against its offer, in marker order.

use crate::date::{Date, Timestamp};
use crate::model::{
    any_can_manage_rewards, ActivationMode, Benefit, BenefitCategory, BenefitStatus,
    ConstraintMarker, Offer, RevocationReason, Role,
};
use crate::tier::Tier;
use serde::{Deserialize, Serialize};

/// The Rewards team contacts the marketing contact within one week.
pub const CONTACT_WINDOW_DAYS: i64 = 7;
/// A live offer with no message after four weeks needs a follow-up.
pub const LISTING_FOLLOW_UP_DAYS: i64 = 28;

/// Everything [`check_activation`] needs; the caller loads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ActivationContext<'a> {
    /// Roles of the signed-in user.
    pub roles: &'a [Role],
    /// Whether the company has at least one marketing contact.
    pub has_marketing_contact: bool,
    /// `None` when the company is not in the programme.
    pub company_tier: Option<Tier>,
    pub benefit: &'a Benefit,
    /// The offer the benefit belongs to, for constraint markers.
    pub offer: Option<&'a Offer>,
    pub today: Date,
}

/// Why Activate is not possible. JSON: `{"code": "tier_not_reached",
/// "required": "usd100k"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ActivationBlocked {
    /// Azure sponsorship: instructions arrive by email, no button.
    ActivatedByEmail,
    Revoked {
        reason: Option<RevocationReason>,
    },
    /// Status expired, or the activate-by date has passed.
    Expired,
    /// Already activated, in progress or completed.
    AlreadyActivated,
    /// The company is not eligible for the programme at all.
    NotEligible,
    TierNotReached {
        required: Tier,
    },
    /// Any other status that cannot be activated (a stale `Locked`).
    NotAvailable,
    /// The user's roles may only view rewards.
    NotPermitted,
    /// Sales and marketing benefits need a company marketing contact.
    MarketingContactRequired,
    /// The offer does not satisfy a marker (or no offer is known).
    ConstraintNotMet {
        marker: ConstraintMarker,
    },
}

/// `Ok(())` when the user may activate the benefit now.
pub fn check_activation(ctx: &ActivationContext<'_>) -> Result<(), ActivationBlocked> {
    let b = ctx.benefit;
    if b.activation_mode == ActivationMode::EmailInstructions {
        return Err(ActivationBlocked::ActivatedByEmail);
    }
    check_status(b, ctx.today)?;
    check_tier(b, ctx.company_tier)?;
    if !any_can_manage_rewards(ctx.roles) {
        return Err(ActivationBlocked::NotPermitted);
    }
    if b.category == BenefitCategory::SalesMarketing && !ctx.has_marketing_contact {
        return Err(ActivationBlocked::MarketingContactRequired);
    }
    match unmet_constraints(b, ctx.offer).first() {
        Some(&marker) => Err(ActivationBlocked::ConstraintNotMet { marker }),
        None => Ok(()),
    }
}

fn check_status(b: &Benefit, today: Date) -> Result<(), ActivationBlocked> {
    match b.status {
        BenefitStatus::Revoked => Err(ActivationBlocked::Revoked {
            reason: b.status_reason,
        }),
        BenefitStatus::Expired => Err(ActivationBlocked::Expired),
        BenefitStatus::Activated | BenefitStatus::InProgress | BenefitStatus::Completed => {
            Err(ActivationBlocked::AlreadyActivated)
        }
        // Activation is allowed on the activate-by day itself.
        _ if b.activate_by.is_some_and(|d| today > d) => Err(ActivationBlocked::Expired),
        BenefitStatus::Locked | BenefitStatus::Available => Ok(()),
    }
}

fn check_tier(b: &Benefit, company_tier: Option<Tier>) -> Result<(), ActivationBlocked> {
    match company_tier {
        None => Err(ActivationBlocked::NotEligible),
        Some(t) if t < b.unlock_tier => Err(ActivationBlocked::TierNotReached {
            required: b.unlock_tier,
        }),
        Some(_) if b.status != BenefitStatus::Available => Err(ActivationBlocked::NotAvailable),
        Some(_) => Ok(()),
    }
}

/// Markers of `benefit` that `offer` does not satisfy, in marker order.
/// Without an offer every marker that needs one counts as unmet (fail
/// closed: the rule cannot be checked).
pub fn unmet_constraints(benefit: &Benefit, offer: Option<&Offer>) -> Vec<ConstraintMarker> {
    benefit
        .constraints
        .iter()
        .copied()
        .filter(|m| match offer {
            Some(o) => !m.is_met_by(o),
            None => m.needs_offer(),
        })
        .collect()
}

/// More than seven days since activation (strictly), i.e. the Rewards team
/// missed its one-week contact window. Callers check the status is still
/// `Activated`, or use [`benefit_contact_overdue`].
pub fn contact_overdue(activated_at: Timestamp, now: Timestamp) -> bool {
    activated_at.seconds_until(now) > CONTACT_WINDOW_DAYS * 86_400
}

/// [`contact_overdue`] for a benefit that is still waiting in `Activated`.
pub fn benefit_contact_overdue(benefit: &Benefit, now: Timestamp) -> bool {
    benefit.status == BenefitStatus::Activated
        && benefit
            .activated_at
            .is_some_and(|at| contact_overdue(at, now))
}

/// An offer live for more than four weeks without any message from the
/// Rewards team: the product flags it instead of leaving it to the partner.
pub fn listing_follow_up_due(live_date: Date, today: Date, contacted: bool) -> bool {
    !contacted && live_date.days_until(today) > LISTING_FOLLOW_UP_DAYS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BenefitSource, OfferType, Quantity, Visibility};
    use proptest::prelude::*;
    use ActivationBlocked as B;
    use ConstraintMarker as M;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn benefit() -> Benefit {
        Benefit {
            id: "b".into(),
            key: "success_story".into(),
            category: BenefitCategory::SalesMarketing,
            source: BenefitSource::Transact {
                tier: Tier::Usd100k,
            },
            quantity: Quantity::Included,
            unlock_tier: Tier::Usd100k,
            constraints: vec![
                M::NotForByol,
                M::RequiresListingOptimization,
                M::PrivateNeedsPublicListing,
            ],
            offer_id: Some("o".into()),
            activate_by: Some(date("2024-06-30")),
            status: BenefitStatus::Available,
            status_reason: None,
            history: vec![],
            activated_at: None,
            activation_mode: ActivationMode::InPortal,
            drawn_down: 0,
        }
    }

    fn offer() -> Offer {
        Offer {
            id: "o".into(),
            publisher_profile_id: "p".into(),
            name: "Contoso".into(),
            offer_type: OfferType::Transact,
            live_date: Some(date("2023-01-01")),
            visibility: Visibility::Public,
            bring_your_own_license: false,
            listing_optimization_completed: true,
            co_sell_ready: false,
            has_public_listing_of_same_solution: false,
        }
    }

    const ADMIN: &[Role] = &[Role::MpnPartnerAdmin];

    fn check(
        b: &Benefit,
        o: Option<&Offer>,
        roles: &[Role],
        contact: bool,
        tier: Option<Tier>,
        today: &str,
    ) -> Result<(), B> {
        check_activation(&ActivationContext {
            roles,
            has_marketing_contact: contact,
            company_tier: tier,
            benefit: b,
            offer: o,
            today: date(today),
        })
    }

    #[test]
    fn blocker_table() {
        let ok_offer = offer();
        let byol = Offer {
            bring_your_own_license: true,
            ..offer()
        };
        let not_optimized = Offer {
            listing_optimization_completed: false,
            ..offer()
        };
        let private = Offer {
            visibility: Visibility::Private,
            ..offer()
        };
        let private_with_public = Offer {
            has_public_listing_of_same_solution: true,
            ..private.clone()
        };
        let status = |s| Benefit {
            status: s,
            ..benefit()
        };
        let email = Benefit {
            activation_mode: ActivationMode::EmailInstructions,
            ..benefit()
        };
        let revoked = Benefit {
            status: BenefitStatus::Revoked,
            status_reason: Some(RevocationReason::OfferDelisted),
            ..benefit()
        };
        let technical = Benefit {
            category: BenefitCategory::Technical,
            constraints: vec![],
            ..benefit()
        };
        let cosell = Benefit {
            constraints: vec![M::RequiresCoSellReady],
            ..benefit()
        };
        let t = Some(Tier::Usd100k);
        let day = "2024-05-01";
        let cases: Vec<(&str, Result<(), B>)> = vec![
            (
                "ok",
                check(&benefit(), Some(&ok_offer), ADMIN, true, t, day),
            ),
            (
                "last day ok",
                check(&benefit(), Some(&ok_offer), ADMIN, true, t, "2024-06-30"),
            ),
            (
                "private with public ok",
                check(&benefit(), Some(&private_with_public), ADMIN, true, t, day),
            ),
            (
                "technical needs no contact",
                check(&technical, None, ADMIN, false, t, day),
            ),
            (
                "global admin",
                check(
                    &benefit(),
                    Some(&ok_offer),
                    &[Role::Developer, Role::GlobalAdmin],
                    true,
                    t,
                    day,
                ),
            ),
            ("email", check(&email, Some(&ok_offer), ADMIN, true, t, day)),
            (
                "revoked",
                check(&revoked, Some(&ok_offer), ADMIN, true, t, day),
            ),
            (
                "expired status",
                check(
                    &status(BenefitStatus::Expired),
                    Some(&ok_offer),
                    ADMIN,
                    true,
                    t,
                    day,
                ),
            ),
            (
                "past activate-by",
                check(&benefit(), Some(&ok_offer), ADMIN, true, t, "2024-07-01"),
            ),
            (
                "activated",
                check(
                    &status(BenefitStatus::Activated),
                    Some(&ok_offer),
                    ADMIN,
                    true,
                    t,
                    day,
                ),
            ),
            (
                "in progress",
                check(
                    &status(BenefitStatus::InProgress),
                    Some(&ok_offer),
                    ADMIN,
                    true,
                    t,
                    day,
                ),
            ),
            (
                "completed",
                check(
                    &status(BenefitStatus::Completed),
                    Some(&ok_offer),
                    ADMIN,
                    true,
                    t,
                    day,
                ),
            ),
            (
                "not eligible",
                check(&benefit(), Some(&ok_offer), ADMIN, true, None, day),
            ),
            (
                "tier low",
                check(
                    &status(BenefitStatus::Locked),
                    Some(&ok_offer),
                    ADMIN,
                    true,
                    Some(Tier::Usd50k),
                    day,
                ),
            ),
            (
                "stale locked",
                check(
                    &status(BenefitStatus::Locked),
                    Some(&ok_offer),
                    ADMIN,
                    true,
                    t,
                    day,
                ),
            ),
            (
                "developer",
                check(
                    &benefit(),
                    Some(&ok_offer),
                    &[Role::Developer],
                    true,
                    t,
                    day,
                ),
            ),
            (
                "account admin",
                check(
                    &benefit(),
                    Some(&ok_offer),
                    &[Role::AccountAdmin],
                    true,
                    t,
                    day,
                ),
            ),
            (
                "no roles",
                check(&benefit(), Some(&ok_offer), &[], true, t, day),
            ),
            (
                "no contact",
                check(&benefit(), Some(&ok_offer), ADMIN, false, t, day),
            ),
            ("byol", check(&benefit(), Some(&byol), ADMIN, true, t, day)),
            (
                "not optimized",
                check(&benefit(), Some(&not_optimized), ADMIN, true, t, day),
            ),
            (
                "private",
                check(&benefit(), Some(&private), ADMIN, true, t, day),
            ),
            ("no offer", check(&benefit(), None, ADMIN, true, t, day)),
            (
                "co-sell",
                check(&cosell, Some(&ok_offer), ADMIN, true, t, day),
            ),
        ];
        let expected: Vec<Result<(), B>> = vec![
            Ok(()),
            Ok(()),
            Ok(()),
            Ok(()),
            Ok(()),
            Err(B::ActivatedByEmail),
            Err(B::Revoked {
                reason: Some(RevocationReason::OfferDelisted),
            }),
            Err(B::Expired),
            Err(B::Expired),
            Err(B::AlreadyActivated),
            Err(B::AlreadyActivated),
            Err(B::AlreadyActivated),
            Err(B::NotEligible),
            Err(B::TierNotReached {
                required: Tier::Usd100k,
            }),
            Err(B::NotAvailable),
            Err(B::NotPermitted),
            Err(B::NotPermitted),
            Err(B::NotPermitted),
            Err(B::MarketingContactRequired),
            Err(B::ConstraintNotMet {
                marker: M::NotForByol,
            }),
            Err(B::ConstraintNotMet {
                marker: M::RequiresListingOptimization,
            }),
            Err(B::ConstraintNotMet {
                marker: M::PrivateNeedsPublicListing,
            }),
            Err(B::ConstraintNotMet {
                marker: M::NotForByol,
            }),
            Err(B::ConstraintNotMet {
                marker: M::RequiresCoSellReady,
            }),
        ];
        assert_eq!(cases.len(), expected.len());
        for ((name, got), want) in cases.into_iter().zip(expected) {
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn country_marker_never_blocks() {
        let b = Benefit {
            constraints: vec![M::CountryAvailability],
            ..benefit()
        };
        assert_eq!(
            check(&b, None, ADMIN, true, Some(Tier::Usd5m), "2024-05-01"),
            Ok(())
        );
    }

    #[test]
    fn one_week_window() {
        let at = Timestamp::parse("2024-05-01T12:00:00Z").unwrap();
        assert!(!contact_overdue(at, at.add_days(7)));
        assert!(contact_overdue(at, at.add_days(7).add_seconds(1)));
        assert!(!contact_overdue(at, at.add_days(-30)));
        let mut b = Benefit {
            status: BenefitStatus::Activated,
            activated_at: Some(at),
            ..benefit()
        };
        assert!(benefit_contact_overdue(&b, at.add_days(8)));
        b.status = BenefitStatus::InProgress;
        assert!(!benefit_contact_overdue(&b, at.add_days(8)));
    }

    #[test]
    fn four_week_follow_up() {
        let live = date("2024-01-01");
        assert!(!listing_follow_up_due(live, date("2024-01-29"), false));
        assert!(listing_follow_up_due(live, date("2024-01-30"), false));
        assert!(!listing_follow_up_due(live, date("2024-03-01"), true));
    }

    #[test]
    fn blocker_serde() {
        let b = B::TierNotReached {
            required: Tier::Usd100k,
        };
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(json, r#"{"code":"tier_not_reached","required":"usd100k"}"#);
        assert_eq!(serde_json::from_str::<B>(&json).unwrap(), b);
        assert_eq!(
            serde_json::to_string(&B::NotPermitted).unwrap(),
            r#"{"code":"not_permitted"}"#
        );
        assert!(serde_json::from_str::<B>(r#"{"code":"because"}"#).is_err());
    }

    proptest! {
        #[test]
        fn only_managers_ever_pass(
            roles in proptest::collection::vec(proptest::sample::select(Role::ALL.to_vec()), 0..4),
            contact in any::<bool>(),
            tier in proptest::option::of(proptest::sample::select(Tier::ALL.to_vec())),
            status in proptest::sample::select(BenefitStatus::ALL.to_vec()),
            days in 0i64..120,
        ) {
            let b = Benefit { status, ..benefit() };
            let o = offer();
            let today = date("2024-05-01").add_days(days);
            let ctx = ActivationContext { roles: &roles, has_marketing_contact: contact, company_tier: tier, benefit: &b, offer: Some(&o), today };
            if check_activation(&ctx).is_ok() {
                prop_assert!(any_can_manage_rewards(&roles));
                prop_assert!(contact);
                prop_assert_eq!(status, BenefitStatus::Available);
                prop_assert!(tier.is_some_and(|t| t >= b.unlock_tier));
                prop_assert!(today <= b.activate_by.unwrap());
            }
        }
    }
}
