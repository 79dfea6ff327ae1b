//! Insights: one read per chart series, computed from the stored records
//! (billed sales, benefit status histories) for the caller's company.
//!
//! Each answer carries a strong `ETag` (a hash of its body) and
//! `Cache-Control: private, no-cache`, so a browser may keep it and revalidate
//! with `If-None-Match` (304 without a body while nothing changed).
//!
//! Every series is its own route, added to [`router`].

use crate::auth::CurrentUser;
use crate::problem::ApiResult;
use crate::repo;
use crate::sql::Conn;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rewards_core::api::ProblemDetails;
use rewards_core::date::Timestamp;
use rewards_core::insights::m365::{m365_usage as usage_series, M365App, M365Usage};
use rewards_core::insights::technical::{technical_use as use_of, TechnicalUse};
use rewards_core::insights::{benefits_series, sales_series, BenefitsSeries, SalesSeries};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The insights routes: `/insights/sales`, `/insights/benefits`,
/// `/insights/technical-use` and `/insights/m365-usage`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sales))
        .routes(routes!(benefits))
        .routes(routes!(technical_use))
        .routes(routes!(m365_usage))
}

/// How every series is read: the programme must be visible to the caller, the figures come
/// from one database call at the state's clock (a moved clock moves the charts too), and the
/// answer carries its ETag.
async fn read_series<T, F>(
    state: &AppState,
    cu: CurrentUser,
    headers: &HeaderMap,
    compute: F,
) -> ApiResult<Response>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&mut Conn, &str, Timestamp) -> ApiResult<T> + Send + 'static,
{
    cu.require_programme()?;
    let now = state.clock.now();
    let company = cu.company_id;
    let series = state
        .db
        .call(move |conn| compute(conn, &company, now))
        .await?;
    Ok(cacheable(headers, &series))
}

/// `body` as JSON with its ETag, or 304 when `If-None-Match` names that ETag.
fn cacheable<T: Serialize>(headers: &HeaderMap, body: &T) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    let digest = Sha256::digest(&bytes);
    let etag = format!("\"{}\"", hex::encode(&digest[..16]));
    let matches = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*");
    let mut r = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            bytes,
        )
            .into_response()
    };
    let h = r.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    r
}

/// Billed sales by month for the last 24 months: each month's billed sales
/// (fraudulent ones excluded and shown apart), the trailing-twelve-month total
/// at its end, the tier that total reaches and the month a tier was crossed.
#[utoipa::path(
    get,
    path = "/insights/sales",
    tag = "insights",
    params(("If-None-Match" = Option<String>, Header, description = "An ETag of an earlier answer")),
    responses(
        (status = 200, description = "Billed sales by month", body = SalesSeries,
            headers(("ETag" = String, description = "Strong validator of this answer"))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match",
            headers(("ETag" = String, description = "Strong validator of this answer"))),
        (status = 403, description = "programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn sales(
    State(state): State<AppState>,
    cu: CurrentUser,
    headers: HeaderMap,
) -> ApiResult<Response> {
    read_series(&state, cu, &headers, |conn, company, now| {
        let sales = repo::sales(conn, company)?;
        Ok(sales_series(&sales, now.date()))
    })
    .await
}

/// Benefits by status (available, activated, in progress, completed, expired)
/// at the end of each of the last 24 months, from the status histories.
#[utoipa::path(
    get,
    path = "/insights/benefits",
    tag = "insights",
    params(("If-None-Match" = Option<String>, Header, description = "An ETag of an earlier answer")),
    responses(
        (status = 200, description = "Benefits by status and month", body = BenefitsSeries,
            headers(("ETag" = String, description = "Strong validator of this answer"))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match",
            headers(("ETag" = String, description = "Strong validator of this answer"))),
        (status = 403, description = "programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn benefits(
    State(state): State<AppState>,
    cu: CurrentUser,
    headers: HeaderMap,
) -> ApiResult<Response> {
    read_series(&state, cu, &headers, |conn, company, now| {
        // The rules first, as every benefit read does: the last month ends with today's statuses.
        repo::refresh_company(conn, company, now)?;
        let benefits = repo::benefits_with_history(conn, company)?;
        Ok(benefits_series(&benefits, now.date()))
    })
    .await
}

/// Each technical benefit of the company (advisory hours, support incidents,
/// design consultations) with its allocation and the quantity the resolved
/// technical cases drew down against it.
#[utoipa::path(
    get,
    path = "/insights/technical-use",
    tag = "insights",
    params(("If-None-Match" = Option<String>, Header, description = "An ETag of an earlier answer")),
    responses(
        (status = 200, description = "Technical benefits and their use", body = TechnicalUse,
            headers(("ETag" = String, description = "Strong validator of this answer"))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match",
            headers(("ETag" = String, description = "Strong validator of this answer"))),
        (status = 403, description = "programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn technical_use(
    State(state): State<AppState>,
    cu: CurrentUser,
    headers: HeaderMap,
) -> ApiResult<Response> {
    read_series(&state, cu, &headers, |conn, company, now| {
        // The rules first, as every benefit read does (a benefit past its date is expired).
        let benefits = repo::current_benefits(conn, company, now)?;
        let cases = repo::technical_requests(conn, company)?;
        Ok(use_of(&benefits, &cases, now.date()))
    })
    .await
}

/// The company's Microsoft 365 apps: seats sold and monthly active users at
/// each of the last 24 months, from the stored monthly history (the current
/// month's users as the offer has them today). No app: an empty list.
#[utoipa::path(
    get,
    path = "/insights/m365-usage",
    tag = "insights",
    params(("If-None-Match" = Option<String>, Header, description = "An ETag of an earlier answer")),
    responses(
        (status = 200, description = "Seats sold and monthly active users by app and month", body = M365Usage,
            headers(("ETag" = String, description = "Strong validator of this answer"))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match",
            headers(("ETag" = String, description = "Strong validator of this answer"))),
        (status = 403, description = "programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn m365_usage(
    State(state): State<AppState>,
    cu: CurrentUser,
    headers: HeaderMap,
) -> ApiResult<Response> {
    read_series(&state, cu, &headers, |conn, company, now| {
        let records = repo::usage_months(conn, company)?;
        let extras = repo::offer_extras(conn, company)?;
        // An app: an offer with today's users, or with a monthly history (name order).
        let apps: Vec<M365App> = repo::offers(conn, company)?
            .into_iter()
            .filter_map(|o| {
                let users = extras
                    .iter()
                    .find(|e| e.offer_id == o.id)
                    .and_then(|e| e.monthly_active_users);
                let has_history = records.iter().any(|r| r.offer_id == o.id);
                (users.is_some() || has_history).then_some(M365App {
                    offer_id: o.id,
                    name: o.name,
                    monthly_active_users: users,
                })
            })
            .collect();
        Ok(usage_series(&apps, &records, now.date()))
    })
    .await
}
