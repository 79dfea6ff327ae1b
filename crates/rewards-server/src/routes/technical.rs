//! Technical assistance requests (presales, design, deployment, app development).

use super::{company_row, json, json_versioned};
use crate::auth::{self, CurrentUser};
use crate::clock;
use crate::extract::{if_match_version, ApiJson, PathId};
use crate::problem::{ApiResult, Problem};
use crate::repo;
use crate::sql::Conn;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use rewards_core::api::{
    problem_codes as codes, CaseBenefit, CaseNoteCreate, ProblemDetails, TechnicalRequestCreate,
    TechnicalRequestListResponse, TechnicalRequestResponse,
};
use rewards_core::case::{self, CaseError};
use rewards_core::date::Timestamp;
use rewards_core::model::{CaseParty, RequestStatus, TechnicalRequest};
use rewards_core::validate::{
    validate_case_note, validate_technical_request, ErrorCode, FieldError,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The technical-request routes: `/technical-requests`, `/technical-requests/{id}` and the
/// partner's writes on a case (`…/{id}/notes`, `…/{id}/cancel`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(get))
        .routes(routes!(add_note))
        .routes(routes!(cancel))
}

/// `at` plus two business days (Saturday and Sunday skipped).
pub fn reply_due_by(at: Timestamp) -> Timestamp {
    case::reply_due_by(at)
}

/// The case as answered to the partner and the team: timeline, notes, the
/// reply promise and the benefit it draws on with what is left of it.
pub fn case_response(
    conn: &Conn,
    company_id: &str,
    request: TechnicalRequest,
    now: Timestamp,
) -> crate::sql::Result<TechnicalRequestResponse> {
    let events = repo::case_events(conn, &request.id)?;
    let due = reply_due_by(request.created_at);
    let reply = case::reply_state(due, events.first_team_reply(), events.cancelled_at(), now);
    let benefit = match &request.benefit_id {
        Some(id) => repo::benefit(conn, company_id, id)?.map(|b| CaseBenefit {
            remaining: b.remaining(),
            id: b.id,
            key: b.key,
            quantity: b.quantity,
            drawn_down: b.drawn_down,
        }),
        None => None,
    };
    Ok(TechnicalRequestResponse {
        request,
        reply_due_by: due,
        reply,
        timeline: events.timeline,
        notes: events.notes,
        benefit,
    })
}

/// Writes `text` as a note by `author` on the open case `request` and answers with the case.
/// The partner's and the Rewards team's notes differ only in who may write and how the case
/// is found; both call this.
pub fn add_case_note(
    conn: &Conn,
    company_id: &str,
    request: TechnicalRequest,
    (actor_id, party): (&str, CaseParty),
    text: &str,
    now: Timestamp,
) -> ApiResult<TechnicalRequestResponse> {
    let text = validate_case_note(text).map_err(Problem::validation)?;
    case::check_note(request.status).map_err(case_problem)?;
    let note = repo::CaseEventRow {
        at: now,
        actor_id,
        party,
        from: None,
        to: None,
        note: Some(&text),
    };
    repo::insert_case_event(conn, &request.id, &note)?;
    Ok(case_response(conn, company_id, request, now)?)
}

/// `status` with the case and its version as the `ETag`.
pub fn case_json(status: StatusCode, case: &TechnicalRequestResponse) -> Response {
    json_versioned(status, case, case.request.version)
}

/// A [`CaseError`] as a problem: a status change that is not allowed or a
/// note on a closed case is 409; a bad quantity is 422 on `quantity_used`.
pub fn case_problem(e: CaseError) -> Problem {
    match e {
        CaseError::NotAllowed { from, to } => Problem::conflict(
            codes::CASE_TRANSITION_NOT_ALLOWED,
            format!(
                "A case that is {} cannot become {}.",
                repo::enc(&from),
                repo::enc(&to)
            ),
        ),
        CaseError::CaseNotOpen => Problem::conflict(
            codes::CASE_NOT_OPEN,
            "The case is resolved, closed or cancelled; notes are closed.",
        ),
        CaseError::QuantityRequired => {
            Problem::validation(vec![FieldError::new("quantity_used", ErrorCode::Required)])
        }
        CaseError::QuantityNotAllowed | CaseError::QuantityExceedsRemaining { .. } => {
            Problem::validation(vec![FieldError::new(
                "quantity_used",
                ErrorCode::ValueNotAllowed,
            )])
        }
    }
}

/// Submit a technical request; the answer carries the case number.
#[utoipa::path(
    post,
    path = "/technical-requests",
    tag = "technical-requests",
    params(("Idempotency-Key" = String, Header, description = "Required")),
    request_body = TechnicalRequestCreate,
    responses(
        (status = 201, description = "Submitted", body = TechnicalRequestResponse,
            headers(("Location" = String, description = "URL of the new request"))),
        (status = 403, description = "read_only_role or programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    cu: CurrentUser,
    ApiJson(input): ApiJson<TechnicalRequestCreate>,
) -> ApiResult<Response> {
    cu.require_programme()?;
    cu.require_rewards_manager()?;
    let valid = validate_technical_request(&input).map_err(Problem::validation)?;
    let request = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let seq = repo::next_counter(&tx, repo::TECHNICAL_REQUEST_SEQ)?;
            let now = clock::now();
            let case = format!("TR-{}-{seq:06}", now.date().year());
            let benefits = repo::benefits(&tx, &cu.company_id)?;
            let mut request =
                valid.into_request(auth::new_id("tr-"), case, now, cu.user.id.clone());
            request.benefit_id = case::draws_on(request.phase, &benefits).map(|b| b.id.clone());
            repo::insert_technical_request(&tx, &cu.company_id, seq, &request)?;
            let response = case_response(&tx, &cu.company_id, request, now)?;
            tx.commit()?;
            Ok(response)
        })
        .await?;
    let location = format!("/api/v1/technical-requests/{}", request.request.id);
    let mut r = case_json(StatusCode::CREATED, &request);
    if let Ok(v) = HeaderValue::from_str(&location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    Ok(r)
}

/// The company's technical requests, newest first.
#[utoipa::path(
    get,
    path = "/technical-requests",
    tag = "technical-requests",
    responses(
        (status = 200, description = "Requests", body = TechnicalRequestListResponse),
        (status = 403, description = "programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list(State(state): State<AppState>, cu: CurrentUser) -> ApiResult<Response> {
    cu.require_programme()?;
    let requests = state
        .db
        .call(move |conn| Ok(repo::technical_requests(conn, &cu.company_id)?))
        .await?;
    Ok(json(
        StatusCode::OK,
        &TechnicalRequestListResponse { requests },
    ))
}

/// One technical request.
#[utoipa::path(
    get,
    path = "/technical-requests/{id}",
    tag = "technical-requests",
    params(("id" = String, Path, description = "Request id")),
    responses(
        (status = 200, description = "Request", body = TechnicalRequestResponse),
        (status = 403, description = "programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such request in this company", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn get(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathId(id): PathId,
) -> ApiResult<Response> {
    cu.require_programme()?;
    let now = clock::ts(state.clock.now_unix());
    let case = state
        .db
        .call(move |conn| {
            let request = company_row(conn, &cu, &id, repo::technical_request, NO_SUCH_CASE)?;
            Ok(case_response(conn, &cu.company_id, request, now)?)
        })
        .await?;
    Ok(case_json(StatusCode::OK, &case))
}

const NO_SUCH_CASE: &str = "No such technical request.";

/// Add a note to an open case of the company.
#[utoipa::path(
    post,
    path = "/technical-requests/{id}/notes",
    tag = "technical-requests",
    params(
        ("id" = String, Path, description = "Request id or case number"),
        ("Idempotency-Key" = String, Header, description = "Required"),
    ),
    request_body = CaseNoteCreate,
    responses(
        (status = 201, description = "The case with the note", body = TechnicalRequestResponse,
            headers(("ETag" = String, description = "Version of the case"))),
        (status = 403, description = "read_only_role or programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such request in this company", body = ProblemDetails, content_type = "application/problem+json"),
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
    cu.require_programme()?;
    cu.require_rewards_manager()?;
    let now = clock::ts(state.clock.now_unix());
    let case = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let request = company_row(&tx, &cu, &id, repo::technical_request, NO_SUCH_CASE)?;
            let author = (cu.user.id.as_str(), CaseParty::Partner);
            let case = add_case_note(&tx, &cu.company_id, request, author, &input.text, now)?;
            tx.commit()?;
            Ok(case)
        })
        .await?;
    Ok(case_json(StatusCode::CREATED, &case))
}

/// Cancel a case the Rewards team has not picked up yet (still submitted).
#[utoipa::path(
    post,
    path = "/technical-requests/{id}/cancel",
    tag = "technical-requests",
    params(
        ("id" = String, Path, description = "Request id or case number"),
        ("Idempotency-Key" = String, Header, description = "Required"),
        ("If-Match" = String, Header, description = "The case's ETag"),
    ),
    responses(
        (status = 200, description = "The cancelled case", body = TechnicalRequestResponse,
            headers(("ETag" = String, description = "Version of the case"))),
        (status = 403, description = "read_only_role or programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such request in this company", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "case_transition_not_allowed (no longer submitted)", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 412, description = "version_mismatch: the case changed", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 428, description = "if_match_required", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn cancel(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathId(id): PathId,
    headers: HeaderMap,
) -> ApiResult<Response> {
    cu.require_programme()?;
    cu.require_rewards_manager()?;
    let wanted = if_match_version(&headers)?;
    let now = clock::ts(state.clock.now_unix());
    let case = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let request = company_row(&tx, &cu, &id, repo::technical_request, NO_SUCH_CASE)?;
            let from = request.status;
            if request.version != wanted {
                return Err(Problem::precondition_failed(STALE_CASE));
            }
            case::check_cancel(from).map_err(case_problem)?;
            if repo::move_case_if(&tx, &request.id, wanted, RequestStatus::Cancelled, None)?
                .is_none()
            {
                return Err(Problem::precondition_failed(STALE_CASE));
            }
            repo::insert_case_event(
                &tx,
                &request.id,
                &repo::CaseEventRow {
                    at: now,
                    actor_id: &cu.user.id,
                    party: CaseParty::Partner,
                    from: Some(from),
                    to: Some(RequestStatus::Cancelled),
                    note: None,
                },
            )?;
            let request =
                company_row(&tx, &cu, &request.id, repo::technical_request, NO_SUCH_CASE)?;
            let case = case_response(&tx, &cu.company_id, request, now)?;
            tx.commit()?;
            Ok(case)
        })
        .await?;
    Ok(case_json(StatusCode::OK, &case))
}

/// Detail of the 412 answer on a case.
pub const STALE_CASE: &str =
    "The case changed since you loaded it (the Rewards team may have moved it). Reload and try again.";
