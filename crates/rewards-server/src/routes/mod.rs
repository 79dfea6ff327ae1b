//! HTTP handlers of `/api/v1`, grouped by resource. Each handler carries a
//! `#[utoipa::path]` annotation and each resource module owns its routes
//! (`router()`); [`router`] merges them, and [`crate::openapi::router`] splits
//! the result into the axum router and the OpenAPI document, so the two
//! cannot disagree.

pub mod benefits;
pub mod contacts;
pub mod insights;
pub mod meta;
pub mod offers;
pub mod rewards;
pub mod session;
pub mod team;
pub mod technical;
pub mod tenants;
pub mod versioned;

use crate::auth::CurrentUser;
use crate::problem::{ApiResult, Problem};
use crate::sql::Conn;
use crate::state::AppState;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;

/// Every `/api/v1` route with its documentation (paths relative to `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(session::router())
        .merge(rewards::router())
        .merge(benefits::router())
        .merge(offers::router())
        .merge(contacts::router())
        .merge(technical::router())
        .merge(team::router())
        .merge(tenants::router())
        .merge(insights::router())
        .merge(meta::router())
}

/// A JSON response with `Cache-Control: no-store` (API data is per user).
pub fn json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    let mut r = (status, Json(body)).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// [`json`] plus an `ETag` for a versioned collection.
pub fn json_versioned<T: Serialize>(status: StatusCode, body: &T, version: u64) -> Response {
    let mut r = json(status, body);
    r.headers_mut()
        .insert(header::ETAG, crate::extract::etag(version));
    r
}

/// Row `id` of the caller's company as read by `find` (a `repo` lookup by
/// company and id), or a 404 `not_found` problem with `detail`.
pub fn company_row<T>(
    conn: &Conn,
    cu: &CurrentUser,
    id: &str,
    find: fn(&Conn, &str, &str) -> crate::sql::Result<Option<T>>,
    detail: &'static str,
) -> ApiResult<T> {
    find(conn, &cu.company_id, id)?.ok_or_else(|| Problem::not_found(detail))
}

/// "press_release_support" → "Press release support".
pub fn humanize_key(key: &str) -> String {
    let mut s = key.replace('_', " ");
    if let Some(first) = s.get(0..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(0..1, &upper);
    }
    s.replace("Whats new", "What's new")
}
