//! The Marketplace Rewards team's side of technical cases (API only, role
//! `rewards_team`): every company's cases, moving a case through its statuses
//! (resolving draws down the linked benefit) and answering with notes.

use super::json;
use super::technical::{
    add_case_note, case_json, case_problem, case_response, reply_due_by, STALE_CASE,
};
use crate::auth::CurrentUser;
use crate::clock;
use crate::extract::{if_match_version, ApiJson, PathId};
use crate::problem::{ApiResult, Problem};
use crate::repo;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use rewards_core::api::{
    CaseNoteCreate, CaseTransitionCreate, ProblemDetails, TeamCaseListResponse, TeamCaseSummary,
    TechnicalRequestResponse,
};
use rewards_core::case;
use rewards_core::model::{CaseParty, RequestStatus};
use rewards_core::validate::validate_case_note;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// `/team/technical-requests…`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get))
        .routes(routes!(transition))
        .routes(routes!(add_note))
}

const NO_SUCH_CASE: &str = "No such technical case.";

/// Every company's technical cases, newest first.
#[utoipa::path(
    get,
    path = "/team/technical-requests",
    tag = "rewards-team",
    responses(
        (status = 200, description = "Cases", body = TeamCaseListResponse),
        (status = 403, description = "rewards_team_required", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list(State(state): State<AppState>, cu: CurrentUser) -> ApiResult<Response> {
    cu.require_rewards_team()?;
    let now = clock::ts(state.clock.now_unix());
    let cases = state
        .db
        .call(move |conn| {
            let mut cases = Vec::new();
            for (company_name, r) in repo::all_technical_requests(conn)? {
                let events = repo::case_events(conn, &r.id)?;
                let due = reply_due_by(r.created_at);
                cases.push(TeamCaseSummary {
                    reply: case::reply_state(
                        due,
                        events.first_team_reply(),
                        events.cancelled_at(),
                        now,
                    ),
                    reply_due_by: due,
                    id: r.id,
                    case_number: r.case_number,
                    company_name,
                    title: r.title,
                    status: r.status,
                    created_at: r.created_at,
                    version: r.version,
                });
            }
            Ok(cases)
        })
        .await?;
    Ok(json(StatusCode::OK, &TeamCaseListResponse { cases }))
}

/// One case of any company, with its `ETag`.
#[utoipa::path(
    get,
    path = "/team/technical-requests/{id}",
    tag = "rewards-team",
    params(("id" = String, Path, description = "Request id or case number")),
    responses(
        (status = 200, description = "Case", body = TechnicalRequestResponse,
            headers(("ETag" = String, description = "Version of the case"))),
        (status = 403, description = "rewards_team_required", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such case", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Response> {
    cu.require_rewards_team()?;
    let now = clock::ts(state.clock.now_unix());
    let case = state
        .db
        .call(move |conn| {
            let (company_id, _, request) = repo::any_technical_request(conn, &id)?
                .ok_or_else(|| Problem::not_found(NO_SUCH_CASE))?;
            Ok(case_response(conn, &company_id, request, now)?)
        })
        .await?;
    Ok(case_json(StatusCode::OK, &case))
}

/// Move a case to another status, optionally with an answer to the partner.
/// Resolving a case that draws on a benefit needs `quantity_used`.
#[utoipa::path(
    post,
    path = "/team/technical-requests/{id}/transitions",
    tag = "rewards-team",
    params(
        ("id" = String, Path, description = "Request id or case number"),
        ("Idempotency-Key" = String, Header, description = "Required"),
        ("If-Match" = String, Header, description = "The case's ETag"),
    ),
    request_body = CaseTransitionCreate,
    responses(
        (status = 200, description = "The moved case", body = TechnicalRequestResponse,
            headers(("ETag" = String, description = "Version of the case"))),
        (status = 403, description = "rewards_team_required", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such case", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "case_transition_not_allowed", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 412, description = "version_mismatch: the case changed", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "quantity_used or note invalid", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 428, description = "if_match_required", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn transition(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathId(id): PathId,
    headers: HeaderMap,
    ApiJson(input): ApiJson<CaseTransitionCreate>,
) -> ApiResult<Response> {
    cu.require_rewards_team()?;
    let wanted = if_match_version(&headers)?;
    let now = clock::ts(state.clock.now_unix());
    let case = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let (company_id, _, request) = repo::any_technical_request(&tx, &id)?
                .ok_or_else(|| Problem::not_found(NO_SUCH_CASE))?;
            let note = match input.note.as_deref() {
                Some(text) => Some(validate_case_note(text).map_err(|mut errors| {
                    errors.iter_mut().for_each(|e| e.field = "note".into());
                    Problem::validation(errors)
                })?),
                None => None,
            };
            if request.version != wanted {
                return Err(Problem::precondition_failed(STALE_CASE));
            }
            let benefit = match &request.benefit_id {
                Some(b) => repo::benefit(&tx, &company_id, b)?,
                None => None,
            };
            case::check_team_transition(
                request.status,
                input.to,
                benefit.is_some(),
                benefit.as_ref().and_then(|b| b.remaining()),
                input.quantity_used,
            )
            .map_err(case_problem)?;
            // Only a resolution keeps a quantity; reopening or closing a case that was
            // never resolved gives nothing back to, or takes nothing from, the benefit.
            let kept = match input.to {
                RequestStatus::Resolved => input.quantity_used,
                RequestStatus::Closed => request.quantity_used,
                _ => None,
            };
            if repo::move_case_if(&tx, &request.id, wanted, input.to, kept)?.is_none() {
                return Err(Problem::precondition_failed(STALE_CASE));
            }
            repo::insert_case_event(
                &tx,
                &request.id,
                &repo::CaseEventRow {
                    at: now,
                    actor_id: &cu.user.id,
                    party: CaseParty::RewardsTeam,
                    from: Some(request.status),
                    to: Some(input.to),
                    note: note.as_deref(),
                },
            )?;
            let (_, _, request) = repo::any_technical_request(&tx, &request.id)?
                .ok_or_else(|| Problem::not_found(NO_SUCH_CASE))?;
            let case = case_response(&tx, &company_id, request, now)?;
            tx.commit()?;
            Ok(case)
        })
        .await?;
    Ok(case_json(StatusCode::OK, &case))
}

/// Answer the partner on an open case.
#[utoipa::path(
    post,
    path = "/team/technical-requests/{id}/notes",
    tag = "rewards-team",
    params(
        ("id" = String, Path, description = "Request id or case number"),
        ("Idempotency-Key" = String, Header, description = "Required"),
    ),
    request_body = CaseNoteCreate,
    responses(
        (status = 201, description = "The case with the note", body = TechnicalRequestResponse,
            headers(("ETag" = String, description = "Version of the case"))),
        (status = 403, description = "rewards_team_required", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such case", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "case_not_open", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Invalid text", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn add_note(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathId(id): PathId,
    ApiJson(input): ApiJson<CaseNoteCreate>,
) -> ApiResult<Response> {
    cu.require_rewards_team()?;
    let now = clock::ts(state.clock.now_unix());
    let case = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let (company_id, _, request) = repo::any_technical_request(&tx, &id)?
                .ok_or_else(|| Problem::not_found(NO_SUCH_CASE))?;
            let author = (cu.user.id.as_str(), CaseParty::RewardsTeam);
            let case = add_case_note(&tx, &company_id, request, author, &input.text, now)?;
            tx.commit()?;
            Ok(case)
        })
        .await?;
    Ok(case_json(StatusCode::CREATED, &case))
}
