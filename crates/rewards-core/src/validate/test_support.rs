//! Builders and strategies shared by the validator tests.

use super::{ErrorCode, FieldError};
use crate::model::{
    ActivationMode, Benefit, BenefitCategory, BenefitSource, BenefitStatus, Language,
    MarketingContact, Quantity,
};
use crate::tier::Tier;
use proptest::prelude::*;

pub(super) fn contact(id: &str, user: &str, email: &str) -> MarketingContact {
    MarketingContact {
        id: id.into(),
        user_id: user.into(),
        email: email.into(),
        phone_e164: "+31201234567".into(),
        preferred_language: Language::Nl,
    }
}

/// An available sales and marketing benefit of the publisher tier.
pub(super) fn benefit(id: &str) -> Benefit {
    Benefit {
        id: id.into(),
        key: "press_release_support".into(),
        category: BenefitCategory::SalesMarketing,
        source: BenefitSource::Transact {
            tier: Tier::Publisher,
        },
        quantity: Quantity::Included,
        unlock_tier: Tier::Publisher,
        constraints: vec![],
        offer_id: Some("o".into()),
        activate_by: None,
        status: BenefitStatus::Available,
        status_reason: None,
        history: vec![],
        activated_at: None,
        activation_mode: ActivationMode::InPortal,
        drawn_down: 0,
    }
}

pub(super) fn codes(errors: &[FieldError]) -> Vec<(&str, ErrorCode)> {
    errors.iter().map(|e| (e.field.as_str(), e.code)).collect()
}

fn label() -> impl Strategy<Value = String> {
    "[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?"
}

pub(super) fn valid_email() -> impl Strategy<Value = String> {
    (
        "[a-zA-Z0-9+_-]{1,10}(\\.[a-zA-Z0-9_]{1,8}){0,2}",
        proptest::collection::vec(label(), 1..3),
        "[a-z]{2,6}",
    )
        .prop_map(|(local, labels, tld)| format!("{local}@{}.{tld}", labels.join(".")))
}

pub(super) fn case_and_space_variant(s: &str, flips: &[bool], pad: (usize, usize)) -> String {
    let body: String = s
        .chars()
        .zip(flips.iter().cycle())
        .map(|(c, &up)| {
            if up {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    format!("{}{body}{}", " ".repeat(pad.0), "\t".repeat(pad.1))
}
