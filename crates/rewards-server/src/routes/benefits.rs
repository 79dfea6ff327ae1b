//! Benefit list, detail, activation and opting out. Every handler applies
//! the time and tier rules first, on the server's clock.

use super::{company_row, humanize_key, json};
use crate::auth::CurrentUser;
use crate::extract::{ApiJson, PathId, RawQuery};
use crate::problem::{ApiResult, Problem};
use crate::repo;
use crate::sql::Conn;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use rewards_core::activation::{
    check_activation, ActivationBlocked, ActivationContext, CONTACT_WINDOW_DAYS,
};
use rewards_core::api::{
    BenefitDetail, BenefitListItem, BenefitListResponse, OptOutRequest, ProblemDetails,
};
use rewards_core::date::Date;
use rewards_core::model::{Benefit, BenefitCategory, BenefitStatus, Offer};
use rewards_core::status;
use rewards_core::timeline::{self, expires_soon};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The benefit routes: `/benefits`, `/benefits/{id}` and its activation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get))
        .routes(routes!(activate))
        .routes(routes!(opt_out))
}

const NO_SUCH_BENEFIT: &str = "No such benefit.";

/// A benefit's offer and whether the user may activate the benefit.
type Verdict = (Option<Offer>, Result<(), ActivationBlocked>);

/// What every activation check of one company needs, read once.
struct Facts {
    offers: Vec<Offer>,
    has_contact: bool,
    tier: Option<rewards_core::tier::Tier>,
}

fn facts(conn: &Conn, cu: &CurrentUser, today: Date) -> crate::sql::Result<Facts> {
    let st = repo::standing(conn, &cu.company_id, today)?;
    Ok(Facts {
        has_contact: !repo::contacts(conn, &cu.company_id)?.is_empty(),
        tier: st.tier,
        offers: st.offers,
    })
}

fn verdict_with(f: &Facts, cu: &CurrentUser, b: &Benefit, today: Date) -> Verdict {
    let offer = b
        .offer_id
        .as_ref()
        .and_then(|id| f.offers.iter().find(|o| &o.id == id))
        .cloned();
    let verdict = check_activation(&ActivationContext {
        roles: &cu.user.roles,
        has_marketing_contact: f.has_contact,
        company_tier: f.tier,
        benefit: b,
        offer: offer.as_ref(),
        today,
    });
    (offer, verdict)
}

/// Reads what [`check_activation`] needs for `b` and applies it on `today`.
fn activation_verdict(
    conn: &Conn,
    cu: &CurrentUser,
    b: &Benefit,
    today: Date,
) -> crate::sql::Result<Verdict> {
    Ok(verdict_with(&facts(conn, cu, today)?, cu, b, today))
}

fn detail(
    conn: &Conn,
    cu: &CurrentUser,
    b: Benefit,
    today: Date,
) -> crate::sql::Result<BenefitDetail> {
    let (offer, verdict) = activation_verdict(conn, cu, &b, today)?;
    let blocker = verdict.err();
    Ok(BenefitDetail {
        name: humanize_key(&b.key),
        can_activate: blocker.is_none(),
        activation_blocker: blocker,
        contact_due_by: (b.status == BenefitStatus::Activated)
            .then_some(b.activated_at)
            .flatten()
            .map(|at| at.add_days(CONTACT_WINDOW_DAYS)),
        offer,
        benefit: b,
    })
}

/// Problem for a refused activation: the `code` is the blocker's code.
pub fn blocked_problem(blocked: &ActivationBlocked) -> Problem {
    let code: &'static str = match blocked {
        ActivationBlocked::ActivatedByEmail => "activated_by_email",
        ActivationBlocked::Revoked { .. } => "revoked",
        ActivationBlocked::Expired => "expired",
        ActivationBlocked::AlreadyActivated => "already_activated",
        ActivationBlocked::NotEligible => "not_eligible",
        ActivationBlocked::TierNotReached { .. } => "tier_not_reached",
        ActivationBlocked::NotAvailable => "not_available",
        ActivationBlocked::NotPermitted => "not_permitted",
        ActivationBlocked::MarketingContactRequired => "marketing_contact_required",
        ActivationBlocked::ConstraintNotMet { .. } => "constraint_not_met",
    };
    let detail = match blocked {
        ActivationBlocked::ActivatedByEmail => "This benefit is not activated in the portal: instructions arrive by email once it is unlocked.".to_string(),
        ActivationBlocked::Revoked { .. } => "This benefit was revoked.".to_string(),
        ActivationBlocked::Expired => "The activate-by date of this benefit has passed.".to_string(),
        ActivationBlocked::AlreadyActivated => "This benefit is already activated.".to_string(),
        ActivationBlocked::NotEligible => "The company is not eligible for the programme.".to_string(),
        ActivationBlocked::TierNotReached { required } => {
            format!("This benefit unlocks at the {} tier.", crate::repo::enc(required))
        }
        ActivationBlocked::NotAvailable => "This benefit is not available for activation.".to_string(),
        ActivationBlocked::NotPermitted => "Your role can view rewards but not activate them.".to_string(),
        ActivationBlocked::MarketingContactRequired => "Assign a company marketing contact before activating sales and marketing benefits.".to_string(),
        ActivationBlocked::ConstraintNotMet { marker } => {
            format!("The offer does not meet the benefit's condition ({}).", marker.symbol())
        }
    };
    match blocked {
        ActivationBlocked::NotPermitted => Problem::forbidden(code, detail),
        ActivationBlocked::MarketingContactRequired
        | ActivationBlocked::ConstraintNotMet { .. } => Problem::unprocessable(code, detail),
        _ => Problem::conflict(code, detail),
    }
}

/// List the company's benefits, filtered by category, status and text.
#[utoipa::path(
    get,
    path = "/benefits",
    tag = "benefits",
    params(
        ("category" = Option<BenefitCategory>, Query, description = "Filter by category"),
        ("status" = Option<BenefitStatus>, Query, description = "Filter by status"),
        ("q" = Option<String>, Query, max_length = 100, description = "Case-insensitive text on key and name (at most 100 characters after trimming)"),
    ),
    responses(
        (status = 200, description = "Benefits", body = BenefitListResponse),
        (status = 400, description = "invalid_query: unknown or empty filter value, or search text over 100 characters", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 403, description = "programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list(
    State(state): State<AppState>,
    cu: CurrentUser,
    query: RawQuery,
) -> ApiResult<Response> {
    let category: Option<BenefitCategory> = query.enum_param("category")?;
    let status: Option<BenefitStatus> = query.enum_param("status")?;
    let q = query.get("q").map(str::trim).filter(|q| !q.is_empty());
    // Counted before lower-casing, which can lengthen a text ("İ" → "i̇").
    if q.is_some_and(|q| q.chars().count() > 100) {
        return Err(Problem::bad_request(
            rewards_core::api::problem_codes::INVALID_QUERY,
            "The search text is limited to 100 characters.",
        ));
    }
    let q = q.map(str::to_lowercase);
    cu.require_programme()?;
    let now = state.clock.now();
    let benefits = state
        .db
        .call(move |conn| {
            let today = now.date();
            let benefits = repo::current_benefits(conn, &cu.company_id, now)?;
            let f = facts(conn, &cu, today)?;
            Ok(benefits
                .into_iter()
                .filter(|b| category.is_none_or(|c| b.category == c))
                .filter(|b| status.is_none_or(|s| b.status == s))
                .map(|b| {
                    let (offer, verdict) = verdict_with(&f, &cu, &b, today);
                    BenefitListItem {
                        name: humanize_key(&b.key),
                        offer_name: offer.map(|o| o.name),
                        activation_blocker: verdict.err(),
                        expires_in_days: expires_soon(&b, today),
                        benefit: b,
                    }
                })
                .filter(|item| {
                    q.as_ref().is_none_or(|q| {
                        item.benefit.key.to_lowercase().contains(q.as_str())
                            || item.name.to_lowercase().contains(q.as_str())
                    })
                })
                .collect())
        })
        .await?;
    Ok(json(StatusCode::OK, &BenefitListResponse { benefits }))
}

/// One benefit with its status history and what blocks activation.
#[utoipa::path(
    get,
    path = "/benefits/{id}",
    tag = "benefits",
    params(("id" = String, Path, description = "Benefit id")),
    responses(
        (status = 200, description = "Benefit detail", body = BenefitDetail),
        (status = 403, description = "programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such benefit in this company", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Response> {
    cu.require_programme()?;
    let now = state.clock.now();
    let d = state
        .db
        .call(move |conn| {
            repo::refresh_company(conn, &cu.company_id, now)?;
            let b = company_row(conn, &cu, &id, repo::benefit, NO_SUCH_BENEFIT)?;
            Ok(detail(conn, &cu, b, now.date())?)
        })
        .await?;
    Ok(json(StatusCode::OK, &d))
}

/// Activate a benefit (the Rewards team then contacts the marketing contact
/// within one week).
#[utoipa::path(
    post,
    path = "/benefits/{id}/activation",
    tag = "benefits",
    params(
        ("id" = String, Path, description = "Benefit id"),
        ("Idempotency-Key" = String, Header, description = "Required"),
    ),
    responses(
        (status = 200, description = "Activated; the updated benefit", body = BenefitDetail),
        (status = 403, description = "read_only_role or programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such benefit in this company", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "Blocked by status or tier: already_activated, expired, revoked, tier_not_reached, not_eligible, not_available, activated_by_email", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "marketing_contact_required or constraint_not_met", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn activate(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Response> {
    cu.require_programme()?;
    cu.require_rewards_manager()?;
    let now = state.clock.now();
    let d = state
        .db
        .call(move |conn| {
            repo::refresh_company(conn, &cu.company_id, now)?;
            let tx = conn.transaction()?;
            let mut b = company_row(&tx, &cu, &id, repo::benefit, NO_SUCH_BENEFIT)?;
            let (_, verdict) = activation_verdict(&tx, &cu, &b, now.date())?;
            verdict.map_err(|blocked| blocked_problem(&blocked))?;
            let change =
                status::transition(&mut b, BenefitStatus::Activated, None, &cu.user.id, now)
                    .map_err(|_| {
                        Problem::conflict("not_available", "This benefit cannot be activated now.")
                    })?;
            repo::save_transition(&tx, &b, &change)?;
            let d = detail(&tx, &cu, b, now.date())?;
            tx.commit()?;
            Ok(d)
        })
        .await?;
    Ok(json(StatusCode::OK, &d))
}

/// Opt out of an activated (or in-progress) engagement, with a reason. The
/// benefit is available again and may be activated again while its
/// activate-by date allows; the reason is kept in its history.
#[utoipa::path(
    post,
    path = "/benefits/{id}/opt-out",
    tag = "benefits",
    params(
        ("id" = String, Path, description = "Benefit id"),
        ("Idempotency-Key" = String, Header, description = "Required"),
    ),
    request_body = OptOutRequest,
    responses(
        (status = 200, description = "Opted out; the updated benefit", body = BenefitDetail),
        (status = 403, description = "read_only_role or programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such benefit in this company", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "not_engaged: the benefit is not activated or in progress", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn opt_out(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathId(id): PathId,
    ApiJson(input): ApiJson<OptOutRequest>,
) -> ApiResult<Response> {
    cu.require_programme()?;
    cu.require_rewards_manager()?;
    let now = state.clock.now();
    let d = state
        .db
        .call(move |conn| {
            repo::refresh_company(conn, &cu.company_id, now)?;
            let tx = conn.transaction()?;
            let mut b = company_row(&tx, &cu, &id, repo::benefit, NO_SUCH_BENEFIT)?;
            let change =
                timeline::opt_out(&mut b, input.reason, &cu.user.id, now).map_err(|_| {
                    Problem::conflict(
                        NOT_ENGAGED,
                        "Only an activated or in-progress engagement can be opted out of.",
                    )
                })?;
            repo::save_transition(&tx, &b, &change)?;
            let d = detail(&tx, &cu, b, now.date())?;
            tx.commit()?;
            Ok(d)
        })
        .await?;
    Ok(json(StatusCode::OK, &d))
}

/// Problem code of an opt-out from a benefit that is not engaged.
pub const NOT_ENGAGED: &str = "not_engaged";
