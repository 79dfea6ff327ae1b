//! Microsoft 365 apps over time: seats sold and monthly active users per
//! month, from the stored monthly history, for every app the company has. The
//! current month's users are the figure on the offer (what the tier rule
//! reads), so the last point agrees with the overview.

use super::{month_start, months_ending};
use crate::date::Date;
use crate::tier::{tier_for_monthly_active_users, Tier};
use serde::{Deserialize, Serialize};

/// One stored month of an app's usage (a row of the monthly history).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageRecord {
    pub offer_id: String,
    /// Any day of the month (the first, as stored).
    pub month: Date,
    pub seats_sold: Option<u64>,
    pub monthly_active_users: Option<u64>,
}

/// A Microsoft 365 app of the company: its offer and today's monthly active users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct M365App {
    pub offer_id: String,
    pub name: String,
    pub monthly_active_users: Option<u64>,
}

/// One month of one app; a figure the data does not have is `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageMonth {
    /// First day of the month.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, examples("2026-05-01")))]
    pub month: Date,
    pub seats_sold: Option<u64>,
    pub monthly_active_users: Option<u64>,
    /// The tier those monthly active users reach (`null` without a figure).
    pub tier: Option<Tier>,
}

/// A tier's monthly-active-users threshold, drawn as a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsersThreshold {
    pub tier: Tier,
    pub monthly_active_users: u64,
}

/// One app's months, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppUsage {
    pub offer_id: String,
    pub name: String,
    pub months: Vec<UsageMonth>,
    /// The thresholds above the Publisher tier up to the first one no month reached, lowest first.
    pub thresholds: Vec<UsersThreshold>,
}

/// `GET /insights/m365-usage`: the company's Microsoft 365 apps (none: an empty list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct M365Usage {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, examples("2026-05-01")))]
    pub as_of: Date,
    pub apps: Vec<AppUsage>,
}

/// Seats sold and monthly active users by month for each app, the last
/// [`super::MONTHS`] months as of `as_of`.
pub fn m365_usage(apps: &[M365App], records: &[UsageRecord], as_of: Date) -> M365Usage {
    let apps = apps
        .iter()
        .map(|app| {
            let window = months_ending(as_of);
            let last = window.len().saturating_sub(1);
            let months: Vec<UsageMonth> = window
                .into_iter()
                .enumerate()
                .map(|(i, (first, _))| {
                    let record = records
                        .iter()
                        .find(|r| r.offer_id == app.offer_id && month_start(r.month) == first);
                    let stored_users = record.and_then(|r| r.monthly_active_users);
                    let monthly_active_users = if i == last {
                        app.monthly_active_users.or(stored_users)
                    } else {
                        stored_users
                    };
                    UsageMonth {
                        month: first,
                        seats_sold: record.and_then(|r| r.seats_sold),
                        monthly_active_users,
                        tier: monthly_active_users.map(tier_for_monthly_active_users),
                    }
                })
                .collect();
            let highest = months
                .iter()
                .filter_map(|m| m.tier)
                .max()
                .unwrap_or(Tier::Publisher);
            let thresholds = Tier::ALL
                .into_iter()
                .filter(|t| *t > Tier::Publisher)
                .filter_map(|tier| {
                    tier.monthly_active_users_threshold()
                        .map(|monthly_active_users| UsersThreshold {
                            tier,
                            monthly_active_users,
                        })
                })
                .take_while(|t| t.tier <= highest)
                .chain(
                    Tier::ALL
                        .into_iter()
                        .filter(|t| *t > highest)
                        .find_map(|tier| {
                            tier.monthly_active_users_threshold()
                                .map(|monthly_active_users| UsersThreshold {
                                    tier,
                                    monthly_active_users,
                                })
                        }),
                )
                .collect();
            AppUsage {
                offer_id: app.offer_id.clone(),
                name: app.name.clone(),
                months,
                thresholds,
            }
        })
        .collect();
    M365Usage { as_of, apps }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn rec(offer: &str, month: &str, seats: Option<u64>, users: Option<u64>) -> UsageRecord {
        UsageRecord {
            offer_id: offer.into(),
            month: date(month),
            seats_sold: seats,
            monthly_active_users: users,
        }
    }

    #[test]
    fn months_from_the_history_and_today_from_the_offer() {
        let apps = [M365App {
            offer_id: "forms".into(),
            name: "Forms".into(),
            monthly_active_users: Some(320),
        }];
        let records = [
            rec("forms", "2025-01-01", Some(40), Some(35)),
            rec("forms", "2026-03-01", Some(300), Some(260)),
            rec("forms", "2026-12-01", Some(380), Some(310)),
            rec("other", "2026-03-01", Some(9), Some(9)),
            rec("forms", "2024-12-01", Some(1), Some(1)), // before the window
        ];
        let u = m365_usage(&apps, &records, date("2026-12-06"));
        assert_eq!(u.apps.len(), 1);
        let m = &u.apps[0].months;
        assert_eq!(m.len(), 24);
        assert_eq!(
            (m[0].seats_sold, m[0].monthly_active_users),
            (Some(40), Some(35))
        );
        assert_eq!(m[0].tier, Some(Tier::Publisher));
        assert_eq!(
            (m[1].seats_sold, m[1].monthly_active_users, m[1].tier),
            (None, None, None)
        );
        assert_eq!(m[14].month, date("2026-03-01"));
        assert_eq!(
            (m[14].seats_sold, m[14].tier),
            (Some(300), Some(Tier::Usd25k))
        );
        // The current month: seats from the history, users as the offer has them today.
        assert_eq!(
            (m[23].seats_sold, m[23].monthly_active_users),
            (Some(380), Some(320))
        );
        let tiers: Vec<Tier> = u.apps[0].thresholds.iter().map(|t| t.tier).collect();
        assert_eq!(tiers, [Tier::Usd25k, Tier::Usd50k]);
        assert_eq!(u.apps[0].thresholds[1].monthly_active_users, 500);
    }

    #[test]
    fn no_app_no_series() {
        let u = m365_usage(
            &[],
            &[rec("x", "2026-01-01", Some(1), Some(1))],
            date("2026-12-06"),
        );
        assert!(u.apps.is_empty());
    }
}
