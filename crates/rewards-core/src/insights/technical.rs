//! Technical benefit use: for each technical benefit the company holds with a
//! counted or unlimited quantity (advisory hours, support incidents, design
//! consultations), how much the resolved technical cases drew down against it.

use crate::date::Date;
use crate::model::{
    Benefit, BenefitCategory, BenefitStatus, Quantity, QuantityUnit, TechnicalRequest,
};
use serde::{Deserialize, Serialize};

/// One technical benefit's allocation and what the cases used of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TechnicalBenefitUse {
    pub benefit_id: String,
    /// Catalogue key, e.g. "presales_deployment_advisory".
    pub key: String,
    pub offer_id: Option<String>,
    pub status: BenefitStatus,
    pub unit: QuantityUnit,
    /// The quantity granted; `None` when unlimited.
    pub allocated: Option<u32>,
    /// The quantity the resolved (and closed) cases used, in `unit`.
    pub drawn_down: u32,
    /// What is left (`None` when unlimited).
    pub remaining: Option<u32>,
    /// How many cases drew on it.
    pub cases: u32,
}

/// `GET /insights/technical-use`: the company's technical benefits and their use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TechnicalUse {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, examples("2026-05-01")))]
    pub as_of: Date,
    /// In the order of the benefits list; locked benefits and those without a
    /// countable quantity are left out.
    pub benefits: Vec<TechnicalBenefitUse>,
}

/// The technical benefits' use, from the benefits and the company's cases: a
/// case counts against the benefit it draws on with the quantity its
/// resolution recorded (a reopened case has none).
pub fn technical_use(
    benefits: &[Benefit],
    cases: &[TechnicalRequest],
    as_of: Date,
) -> TechnicalUse {
    let benefits = benefits
        .iter()
        .filter(|b| b.category == BenefitCategory::Technical && b.status != BenefitStatus::Locked)
        .filter_map(|b| {
            let (allocated, unit) = match b.quantity {
                Quantity::Count { n, unit } => (Some(n), unit),
                Quantity::Unlimited { unit } => (None, unit),
                Quantity::Usd { .. } | Quantity::Included => return None,
            };
            let used: Vec<u32> = cases
                .iter()
                .filter(|c| c.benefit_id.as_deref() == Some(b.id.as_str()))
                .filter_map(|c| c.quantity_used)
                .collect();
            let drawn_down = used.iter().fold(0u32, |sum, q| sum.saturating_add(*q));
            Some(TechnicalBenefitUse {
                benefit_id: b.id.clone(),
                key: b.key.clone(),
                offer_id: b.offer_id.clone(),
                status: b.status,
                unit,
                allocated,
                drawn_down,
                remaining: allocated.map(|n| n.saturating_sub(drawn_down)),
                cases: used.len() as u32,
            })
        })
        .collect();
    TechnicalUse { as_of, benefits }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Timestamp;
    use crate::model::{
        ActivationMode, BenefitSource, Language, RequestStatus, SolutionType, TechnicalPhase,
    };
    use crate::tier::Tier;

    fn benefit(
        id: &str,
        key: &str,
        category: BenefitCategory,
        quantity: Quantity,
        status: BenefitStatus,
    ) -> Benefit {
        Benefit {
            id: id.into(),
            key: key.into(),
            category,
            source: BenefitSource::Transact { tier: Tier::Usd50k },
            quantity,
            unlock_tier: Tier::Usd25k,
            constraints: vec![],
            offer_id: Some("off-a".into()),
            activate_by: None,
            status,
            status_reason: None,
            history: vec![],
            activated_at: None,
            activation_mode: ActivationMode::InPortal,
            drawn_down: 0,
        }
    }

    fn case(benefit_id: Option<&str>, used: Option<u32>) -> TechnicalRequest {
        TechnicalRequest {
            id: "tr".into(),
            case_number: "TR-2026-000001".into(),
            phase: TechnicalPhase::Presales,
            solution_type: SolutionType::Cloud,
            title: "t".into(),
            description: "d".into(),
            products: vec![],
            phone_e164: "+442079460000".into(),
            country_region: "GB".into(),
            time_zone: "Europe/London".into(),
            language: Language::En,
            preferred_contact_time: "any".into(),
            status: RequestStatus::Resolved,
            created_at: Timestamp::parse("2026-01-01T00:00:00Z").unwrap(),
            created_by: "u".into(),
            benefit_id: benefit_id.map(Into::into),
            quantity_used: used,
            version: 0,
        }
    }

    #[test]
    fn use_is_the_sum_of_the_cases_against_the_allocation() {
        use BenefitCategory::*;
        use BenefitStatus::*;
        let hours = Quantity::Count {
            n: 50,
            unit: QuantityUnit::Hours,
        };
        let benefits = [
            benefit(
                "b1",
                "presales_deployment_advisory",
                Technical,
                hours,
                Available,
            ),
            benefit(
                "b2",
                "support_incidents",
                Technical,
                Quantity::Unlimited {
                    unit: QuantityUnit::Incidents,
                },
                InProgress,
            ),
            benefit(
                "b3",
                "application_design_review",
                Technical,
                Quantity::Count {
                    n: 1,
                    unit: QuantityUnit::Consultations,
                },
                Locked,
            ),
            benefit(
                "b4",
                "developer_subscription",
                Technical,
                Quantity::Included,
                Available,
            ),
            benefit(
                "b5",
                "seller_webinar",
                SalesMarketing,
                Quantity::Count {
                    n: 1,
                    unit: QuantityUnit::Sessions,
                },
                Available,
            ),
            benefit(
                "b6",
                "presales_deployment_advisory",
                Technical,
                Quantity::Count {
                    n: 10,
                    unit: QuantityUnit::Hours,
                },
                Revoked,
            ),
        ];
        let cases = [
            case(Some("b1"), Some(12)),
            case(Some("b1"), Some(8)),
            case(Some("b1"), None), // open or reopened: nothing used yet
            case(Some("b2"), Some(3)),
            case(None, None),
            case(Some("b6"), Some(40)), // more than left: never below zero
        ];
        let u = technical_use(&benefits, &cases, Date::parse("2026-12-06").unwrap());
        let ids: Vec<&str> = u.benefits.iter().map(|b| b.benefit_id.as_str()).collect();
        assert_eq!(ids, ["b1", "b2", "b6"]);
        let b1 = &u.benefits[0];
        assert_eq!(
            (b1.allocated, b1.drawn_down, b1.remaining, b1.cases),
            (Some(50), 20, Some(30), 2)
        );
        assert_eq!(b1.unit, QuantityUnit::Hours);
        let b2 = &u.benefits[1];
        assert_eq!(
            (b2.allocated, b2.drawn_down, b2.remaining, b2.cases),
            (None, 3, None, 1)
        );
        assert_eq!(u.benefits[2].remaining, Some(0));
    }
}
