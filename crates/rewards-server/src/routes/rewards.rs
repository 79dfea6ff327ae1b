//! The programme overview and the "benefits viewed" checklist fact.

use super::json;
use crate::auth::CurrentUser;
use crate::problem::ApiResult;
use crate::repo;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use rewards_core::activation::benefit_contact_overdue;
use rewards_core::api::{
    ChecklistFacts, EligibilitySummary, ExpiringBenefit, NextTierSummary, OfferFollowUp,
    OfferOverview, OverdueActivation, ProblemDetails, PublisherProfileOverview, RewardsOverview,
    StatusCount, TierUnlock, UsersTierSummary,
};
use rewards_core::catalog;
use rewards_core::model::{BenefitCategory, BenefitStatus};
use rewards_core::tier::{counts_towards_ttm, tier_progress};
use rewards_core::timeline::{expires_soon, follow_up_due, offer_engagement_optional};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The programme routes: `/rewards/overview` and `/benefits/viewed`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(overview))
        .routes(routes!(mark_viewed))
}

/// Eligibility, tier, sales, next tier, profiles, status counts, overdue
/// activations, checklist facts, benefits expiring soon, offers past the
/// four-week mark and the Microsoft 365 apps' tier by users. The rules
/// (expiry, unlocking) are applied first, on the server's clock.
#[utoipa::path(
    get,
    path = "/rewards/overview",
    tag = "rewards",
    responses(
        (status = 200, description = "Programme overview", body = RewardsOverview),
        (status = 403, description = "programme_hidden: the sign-in tenant is not associated", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn overview(State(state): State<AppState>, cu: CurrentUser) -> ApiResult<Response> {
    cu.require_programme()?;
    let now = state.clock.now();
    let overview = state
        .db
        .call(move |conn| {
            let today = now.date();
            let benefits = repo::current_benefits(conn, &cu.company_id, now)?;
            let st = repo::standing(conn, &cu.company_id, today)?;
            let extras = repo::offer_extras(conn, &cu.company_id)?;
            let extra_of = |id: &str| {
                extras
                    .iter()
                    .find(|e| e.offer_id == id)
                    .cloned()
                    .unwrap_or_default()
            };
            let contacts = repo::contacts(conn, &cu.company_id)?;
            let viewed: Option<i64> = conn.query_row(
                "SELECT benefits_viewed_at FROM companies WHERE id = ?1",
                [&cu.company_id],
                |r| r.get(0),
            )?;
            let ttm_for = |pred: &dyn Fn(&rewards_core::tier::BilledSale) -> bool| -> i64 {
                st.sales
                    .iter()
                    .filter(|s| counts_towards_ttm(s, today) && pred(s))
                    .map(|s| s.amount_cents)
                    .sum()
            };
            let publisher_profiles = repo::profiles(conn, &cu.company_id)?
                .into_iter()
                .map(|p| PublisherProfileOverview {
                    billed_sales_ttm_cents: ttm_for(&|s| s.publisher_profile_id == p.id),
                    offers: st
                        .offers
                        .iter()
                        .filter(|o| o.publisher_profile_id == p.id)
                        .map(|o| {
                            let extra = extra_of(&o.id);
                            OfferOverview {
                                live: o.is_live(today),
                                billed_sales_ttm_cents: ttm_for(&|s| s.offer_id == o.id),
                                owner: extra.owner,
                                rewards_contacted_on: extra.rewards_contacted_on,
                                engagement_opted_in: offer_engagement_optional(o.offer_type)
                                    .then_some(!extra.engagement_opted_out),
                                monthly_active_users: extra.monthly_active_users,
                                offer: o.clone(),
                            }
                        })
                        .collect(),
                    id: p.id,
                    name: p.name,
                    seller_id: p.seller_id,
                })
                .collect();
            let next_tier = st.tier.and_then(|_| {
                let progress = tier_progress(st.ttm_cents);
                progress.next.map(|next| NextTierSummary {
                    tier: next,
                    threshold_cents: next.threshold_cents(),
                    shortfall_cents: progress.shortfall_cents,
                    progress_basis_points: progress.progress_basis_points,
                    unlocks: catalog::newly_unlocked_by(next)
                        .into_iter()
                        .map(|e| TierUnlock {
                            key: e.key.to_string(),
                            category: e.category(),
                            quantity: e.quantity,
                        })
                        .collect(),
                })
            });
            let count = |s: BenefitStatus, c: Option<BenefitCategory>| {
                benefits
                    .iter()
                    .filter(|b| b.status == s && c.is_none_or(|c| b.category == c))
                    .count() as u32
            };
            let status_counts = BenefitStatus::ALL
                .into_iter()
                .map(|s| StatusCount {
                    status: s,
                    count: count(s, None),
                    sales_marketing: count(s, Some(BenefitCategory::SalesMarketing)),
                    technical: count(s, Some(BenefitCategory::Technical)),
                })
                .collect();
            let offer_name = |id: &Option<String>| {
                id.as_ref()
                    .and_then(|id| st.offers.iter().find(|o| &o.id == id))
                    .map(|o| o.name.clone())
            };
            let mut expiring_soon: Vec<ExpiringBenefit> = benefits
                .iter()
                .filter_map(|b| {
                    let days_left = expires_soon(b, today)?;
                    Some(ExpiringBenefit {
                        benefit_id: b.id.clone(),
                        key: b.key.clone(),
                        category: b.category,
                        offer_name: offer_name(&b.offer_id),
                        activate_by: b.activate_by?,
                        days_left,
                    })
                })
                .collect();
            expiring_soon.sort_by_key(|e| (e.days_left, e.benefit_id.clone()));
            let follow_ups = st
                .offers
                .iter()
                .filter_map(|o| {
                    let extra = extra_of(&o.id);
                    let opted_out =
                        offer_engagement_optional(o.offer_type) && extra.engagement_opted_out;
                    let days_live = follow_up_due(
                        o.live_date,
                        today,
                        extra.rewards_contacted_on.is_some_and(|d| d <= today),
                        opted_out,
                    )?;
                    Some(OfferFollowUp {
                        offer_id: o.id.clone(),
                        offer_name: o.name.clone(),
                        offer_type: o.offer_type,
                        live_date: o.live_date?,
                        days_live,
                        owner: extra.owner,
                    })
                })
                .collect();
            let users_tier = st
                .basis
                .users_tier()
                .zip(st.basis.monthly_active_users)
                .map(|(tier, monthly_active_users)| UsersTierSummary {
                    monthly_active_users,
                    tier,
                });
            let overdue_activations = benefits
                .iter()
                .filter(|b| benefit_contact_overdue(b, now))
                .filter_map(|b| {
                    b.activated_at.map(|at| OverdueActivation {
                        benefit_id: b.id.clone(),
                        key: b.key.clone(),
                        activated_at: at,
                        days_waiting: at.seconds_until(now) / 86_400,
                    })
                })
                .collect();
            let checklist = ChecklistFacts {
                offer_live: st.offers.iter().any(|o| o.is_live(today)),
                benefits_viewed: viewed.is_some(),
                marketing_contact_assigned: !contacts.is_empty(),
                benefit_activated: benefits.iter().any(|b| {
                    matches!(
                        b.status,
                        BenefitStatus::Activated
                            | BenefitStatus::InProgress
                            | BenefitStatus::Completed
                    )
                }),
            };
            Ok(RewardsOverview {
                as_of: today,
                eligibility: EligibilitySummary {
                    eligible: st.eligibility.is_eligible(),
                    reasons: st.eligibility.reasons().to_vec(),
                },
                tier: st.tier,
                billed_sales_ttm_cents: st.ttm_cents,
                next_tier,
                publisher_profiles,
                status_counts,
                overdue_activations,
                checklist,
                expiring_soon,
                follow_ups,
                users_tier,
            })
        })
        .await?;
    Ok(json(StatusCode::OK, &overview))
}

/// Records that the company has looked at its benefits (idempotent).
#[utoipa::path(
    post,
    path = "/benefits/viewed",
    tag = "benefits",
    params(("Idempotency-Key" = String, Header, description = "Required")),
    responses(
        (status = 200, description = "Checklist facts after the change", body = ChecklistFacts),
        (status = 403, description = "programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn mark_viewed(State(state): State<AppState>, cu: CurrentUser) -> ApiResult<Response> {
    cu.require_programme()?;
    let now = state.clock.now();
    let facts = state
        .db
        .call(move |conn| {
            conn.execute(
                "UPDATE companies SET benefits_viewed_at = COALESCE(benefits_viewed_at, ?2) WHERE id = ?1",
                crate::params![cu.company_id, now.unix_seconds()],
            )?;
            let today = now.date();
            let st = repo::standing(conn, &cu.company_id, today)?;
            let benefits = repo::benefits(conn, &cu.company_id)?;
            Ok(ChecklistFacts {
                offer_live: st.offers.iter().any(|o| o.is_live(today)),
                benefits_viewed: true,
                marketing_contact_assigned: !repo::contacts(conn, &cu.company_id)?.is_empty(),
                benefit_activated: benefits.iter().any(|b| {
                    matches!(
                        b.status,
                        BenefitStatus::Activated | BenefitStatus::InProgress | BenefitStatus::Completed
                    )
                }),
            })
        })
        .await?;
    Ok(json(StatusCode::OK, &facts))
}
