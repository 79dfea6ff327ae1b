//! The engagement choice of List and Trial offers: the partner opts in to
//! or out of the Rewards team's engagement for one offer.

use super::{company_row, json};
use crate::auth::CurrentUser;
use crate::extract::{ApiJson, PathId};
use crate::problem::{ApiResult, Problem};
use crate::repo;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use rewards_core::api::{OfferEngagementRequest, OfferOverview, ProblemDetails};
use rewards_core::tier::counts_towards_ttm;
use rewards_core::timeline::offer_engagement_optional;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// `/offers/{id}/engagement`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(set_engagement))
}

const NO_SUCH_OFFER: &str = "No such offer.";
/// Problem code: only List and Trial offers have an engagement choice.
pub const ENGAGEMENT_NOT_OPTIONAL: &str = "engagement_not_optional";

/// Opt in to or out of the Rewards team's engagement for a List or Trial
/// offer. Opted out, the offer is left out of the four-week follow-up.
#[utoipa::path(
    put,
    path = "/offers/{id}/engagement",
    tag = "rewards",
    params(
        ("id" = String, Path, description = "Offer id"),
        ("Idempotency-Key" = String, Header, description = "Required"),
    ),
    request_body = OfferEngagementRequest,
    responses(
        (status = 200, description = "The offer with its engagement choice", body = OfferOverview),
        (status = 403, description = "read_only_role or programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such offer in this company", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "engagement_not_optional: not a List or Trial offer", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn set_engagement(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathId(id): PathId,
    ApiJson(input): ApiJson<OfferEngagementRequest>,
) -> ApiResult<Response> {
    cu.require_programme()?;
    cu.require_rewards_manager()?;
    let today = state.clock.today();
    let answer = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let offer = company_row(&tx, &cu, &id, repo::offer, NO_SUCH_OFFER)?;
            if !offer_engagement_optional(offer.offer_type) {
                return Err(Problem::conflict(
                    ENGAGEMENT_NOT_OPTIONAL,
                    "Only List and Trial offers can be opted in to or out of the engagement.",
                ));
            }
            let mut extra = repo::offer_extras(&tx, &cu.company_id)?
                .into_iter()
                .find(|e| e.offer_id == offer.id)
                .unwrap_or_default();
            extra.engagement_opted_out = !input.opted_in;
            repo::set_offer_extras(&tx, &cu.company_id, &extra)?;
            let billed_sales_ttm_cents = repo::sales(&tx, &cu.company_id)?
                .iter()
                .filter(|s| s.offer_id == offer.id && counts_towards_ttm(s, today))
                .map(|s| s.amount_cents)
                .sum();
            tx.commit()?;
            Ok(OfferOverview {
                live: offer.is_live(today),
                billed_sales_ttm_cents,
                owner: extra.owner,
                rewards_contacted_on: extra.rewards_contacted_on,
                engagement_opted_in: Some(input.opted_in),
                monthly_active_users: extra.monthly_active_users,
                offer,
            })
        })
        .await?;
    Ok(json(StatusCode::OK, &answer))
}
