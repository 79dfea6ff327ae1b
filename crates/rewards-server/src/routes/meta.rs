//! Health and the OpenAPI document.

use super::json;
use crate::openapi::OpenApiJson;
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use rewards_core::api::{problem_codes as codes, HealthResponse, ProblemDetails};
use std::time::Duration;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The service routes: `/openapi.json` and `/health`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(openapi))
        .routes(routes!(health))
}

/// How long `/health` waits for the database.
pub const HEALTH_TIMEOUT: Duration = Duration::from_secs(2);

/// Liveness and readiness: 200 when the database answers a query, 503 when
/// it does not (within [`HEALTH_TIMEOUT`]).
#[utoipa::path(
    get,
    path = "/health",
    tag = "meta",
    description = "200 when the server is up and its database answers a query \
        (reads `schema_migrations`); 503 `database_unavailable` when it does not within 2 seconds.",
    responses(
        (status = 200, description = "The server is up and the database reachable", body = HealthResponse),
        (status = 503, description = "database_unavailable: the database cannot be reached", body = ProblemDetails, content_type = "application/problem+json",
            headers(("Retry-After" = u32, description = "Seconds"))),
    )
)]
pub async fn health(State(state): State<AppState>) -> Response {
    let probe = state.db.call(|conn| {
        Ok(
            conn.query_row("SELECT COUNT(*) FROM schema_migrations", (), |r| {
                r.get::<_, i64>(0)
            })?,
        )
    });
    match tokio::time::timeout(HEALTH_TIMEOUT, probe).await {
        Ok(Ok(_)) => json(
            StatusCode::OK,
            &HealthResponse {
                status: "ok".into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
        ),
        outcome => {
            if let Ok(Err(problem)) = outcome {
                tracing::warn!(detail = %problem.detail, "health: database unavailable");
            } else {
                tracing::warn!("health: database did not answer in time");
            }
            Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                codes::DATABASE_UNAVAILABLE,
                "Service unavailable",
                "The database cannot be reached.",
            )
            .with_header(header::RETRY_AFTER, HeaderValue::from_static("5"))
            .into_response()
        }
    }
}

/// This OpenAPI 3.1 document.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "meta",
    responses((status = 200, description = "OpenAPI 3.1 document", content_type = "application/json", body = Object))
)]
pub async fn openapi(Extension(doc): Extension<OpenApiJson>) -> Response {
    let mut r = (StatusCode::OK, doc.0.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}
