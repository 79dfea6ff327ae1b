//! Programme eligibility: at least one live offer of any type and an MPN ID.
//! Competency and partner type do not matter.

use crate::date::Date;
use crate::model::{Company, Offer};
use crate::validate::validate_partner_id;
use serde::{Deserialize, Serialize};

/// Why a company is not in the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum IneligibleReason {
    /// No offer has gone live yet (List, Trial, Consulting or Transact).
    NoLiveOffer,
    /// The company has no (valid) MPN ID.
    NoPartnerId,
}

/// Result of the eligibility check, listing every missing prerequisite so
/// the UI can show them all. JSON: `"eligible"` or
/// `{"ineligible": ["no_live_offer", "no_partner_id"]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Eligibility {
    Eligible,
    Ineligible(Vec<IneligibleReason>),
}

impl Eligibility {
    pub fn is_eligible(&self) -> bool {
        matches!(self, Eligibility::Eligible)
    }

    /// Missing prerequisites (empty when eligible).
    pub fn reasons(&self) -> &[IneligibleReason] {
        match self {
            Eligibility::Eligible => &[],
            Eligibility::Ineligible(r) => r,
        }
    }
}

/// Whether any offer (across all publisher profiles) is live on `today`.
pub fn has_live_offer(offers: &[Offer], today: Date) -> bool {
    offers.iter().any(|o| o.is_live(today))
}

/// Checks eligibility on `today`. Offers of all publisher profiles linked to
/// the PGA count.
pub fn check_eligibility(company: &Company, offers: &[Offer], today: Date) -> Eligibility {
    let mut reasons = Vec::new();
    if !has_live_offer(offers, today) {
        reasons.push(IneligibleReason::NoLiveOffer);
    }
    let partner_id_ok = company
        .partner_id
        .as_deref()
        .is_some_and(|id| validate_partner_id(id).is_ok());
    if !partner_id_ok {
        reasons.push(IneligibleReason::NoPartnerId);
    }
    if reasons.is_empty() {
        Eligibility::Eligible
    } else {
        Eligibility::Ineligible(reasons)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OfferType, Visibility};

    fn company(partner_id: Option<&str>) -> Company {
        Company {
            partner_global_account_id: "pga-1".into(),
            partner_id: partner_id.map(str::to_string),
            name: "Contoso".into(),
            account_email: "admin@contoso.com".into(),
            home_tenant: "contoso.onmicrosoft.com".into(),
        }
    }

    fn offer(offer_type: OfferType, live: Option<&str>) -> Offer {
        Offer {
            id: "o".into(),
            publisher_profile_id: "p".into(),
            name: "Offer".into(),
            offer_type,
            live_date: live.map(|d| Date::parse(d).unwrap()),
            visibility: Visibility::Public,
            bring_your_own_license: false,
            listing_optimization_completed: false,
            co_sell_ready: false,
            has_public_listing_of_same_solution: false,
        }
    }

    #[test]
    fn table() {
        use IneligibleReason::*;
        let today = Date::parse("2024-05-01").unwrap();
        let cases: Vec<(Option<&str>, Vec<Offer>, Vec<IneligibleReason>)> = vec![
            (
                Some("1234567"),
                vec![offer(OfferType::List, Some("2024-05-01"))],
                vec![],
            ),
            (
                Some("1234567"),
                vec![offer(OfferType::Consulting, Some("2020-01-01"))],
                vec![],
            ),
            (
                Some("1234567"),
                vec![offer(OfferType::Transact, Some("2024-05-02"))],
                vec![NoLiveOffer],
            ),
            (
                Some("1234567"),
                vec![offer(OfferType::Trial, None)],
                vec![NoLiveOffer],
            ),
            (Some("1234567"), vec![], vec![NoLiveOffer]),
            (
                None,
                vec![offer(OfferType::Trial, Some("2024-01-01"))],
                vec![NoPartnerId],
            ),
            (
                Some(""),
                vec![offer(OfferType::Trial, Some("2024-01-01"))],
                vec![NoPartnerId],
            ),
            (
                Some("abc"),
                vec![offer(OfferType::Trial, Some("2024-01-01"))],
                vec![NoPartnerId],
            ),
            (None, vec![], vec![NoLiveOffer, NoPartnerId]),
            (
                Some("42"),
                vec![
                    offer(OfferType::Trial, None),
                    offer(OfferType::Transact, Some("2023-12-31")),
                ],
                vec![],
            ),
        ];
        for (pid, offers, reasons) in cases {
            let got = check_eligibility(&company(pid), &offers, today);
            assert_eq!(got.reasons(), reasons.as_slice(), "{pid:?}");
            assert_eq!(got.is_eligible(), reasons.is_empty());
        }
    }

    #[test]
    fn serde_shape() {
        let e = Eligibility::Ineligible(vec![IneligibleReason::NoLiveOffer]);
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, r#"{"ineligible":["no_live_offer"]}"#);
        assert_eq!(serde_json::from_str::<Eligibility>(&json).unwrap(), e);
        assert_eq!(
            serde_json::to_string(&Eligibility::Eligible).unwrap(),
            r#""eligible""#
        );
        assert!(serde_json::from_str::<IneligibleReason>(r#""no_competency""#).is_err());
    }
}
