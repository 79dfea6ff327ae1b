//! Technical assistance requests (presales, design, deployment, app development).

use super::{company_row, json};
use crate::auth::{self, CurrentUser};
use crate::clock;
use crate::extract::{ApiJson, PathId};
use crate::problem::{ApiResult, Problem};
use crate::repo;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use rewards_core::api::{
    ProblemDetails, TechnicalRequestCreate, TechnicalRequestListResponse, TechnicalRequestResponse,
};
use rewards_core::date::Timestamp;
use rewards_core::model::TechnicalRequest;
use rewards_core::validate::validate_technical_request;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The technical-request routes: `/technical-requests` and `/technical-requests/{id}`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(get))
}

/// `at` plus two business days (Saturday and Sunday skipped).
pub fn reply_due_by(at: Timestamp) -> Timestamp {
    let mut t = at;
    let mut left = 2;
    while left > 0 {
        t = t.add_days(1);
        // 1970-01-01 was a Thursday: (days + 3) % 7 gives 0 = Monday.
        let weekday = (t.date().days_since_epoch() + 3).rem_euclid(7);
        if weekday < 5 {
            left -= 1;
        }
    }
    t
}

fn response(request: TechnicalRequest) -> TechnicalRequestResponse {
    TechnicalRequestResponse {
        reply_due_by: reply_due_by(request.created_at),
        request,
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
            let request = valid.into_request(auth::new_id("tr-"), case, now, cu.user.id.clone());
            repo::insert_technical_request(&tx, &cu.company_id, seq, &request)?;
            tx.commit()?;
            Ok(request)
        })
        .await?;
    let location = format!("/api/v1/technical-requests/{}", request.id);
    let mut r = json(StatusCode::CREATED, &response(request));
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
    let request = state
        .db
        .call(move |conn| {
            company_row(
                conn,
                &cu,
                &id,
                repo::technical_request,
                "No such technical request.",
            )
        })
        .await?;
    Ok(json(StatusCode::OK, &response(request)))
}
