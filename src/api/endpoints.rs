//! One function per API route.

use gloo_net::http::Method;
use rewards_core::api::*;

use super::client::{self, Versioned};
use super::{ApiError, IdempotencyKey};

const NO_BODY: Option<&()> = None;

// Session

pub async fn sign_in(
    body: &SignInRequest,
    key: &IdempotencyKey,
) -> Result<SignInResponse, ApiError> {
    // Refused attempts (too many failures) come back to the form at once.
    client::send_once_when_busy(Method::POST, "/session", key, Some(body)).await
}

pub async fn sign_out(key: &IdempotencyKey) -> Result<(), ApiError> {
    client::send_no_content(Method::DELETE, "/session", key, NO_BODY).await
}

/// Who is signed in, if anyone (200 either way).
/// `early`: index.html's request for the first check of a page load (see [`super::early`]).
pub async fn session_status(
    early: Option<super::early::Pending>,
) -> Result<SessionStatus, ApiError> {
    client::get_or_early("/session", early).await
}

pub async fn me() -> Result<MeResponse, ApiError> {
    client::get("/me").await
}

pub async fn users() -> Result<UsersResponse, ApiError> {
    client::get("/users").await
}

// Rewards and benefits

/// `early`: index.html's request, for the overview a page load opens on.
pub async fn overview(early: Option<super::early::Pending>) -> Result<RewardsOverview, ApiError> {
    client::get_or_early("/rewards/overview", early).await
}

pub async fn benefits(query: &BenefitListQuery) -> Result<BenefitListResponse, ApiError> {
    client::get(&format!("/benefits{}", query_string(query))).await
}

pub async fn benefit(id: &str) -> Result<BenefitDetail, ApiError> {
    client::get(&format!("/benefits/{}", encode(id))).await
}

pub async fn activate(id: &str, key: &IdempotencyKey) -> Result<BenefitDetail, ApiError> {
    let path = format!("/benefits/{}/activation", encode(id));
    client::send(Method::POST, &path, key, None, NO_BODY).await
}

pub async fn opt_out(
    id: &str,
    body: &OptOutRequest,
    key: &IdempotencyKey,
) -> Result<BenefitDetail, ApiError> {
    let path = format!("/benefits/{}/opt-out", encode(id));
    client::send(Method::POST, &path, key, None, Some(body)).await
}

pub async fn set_offer_engagement(
    id: &str,
    body: &OfferEngagementRequest,
    key: &IdempotencyKey,
) -> Result<OfferOverview, ApiError> {
    let path = format!("/offers/{}/engagement", encode(id));
    client::send(Method::PUT, &path, key, None, Some(body)).await
}

pub async fn mark_benefits_viewed(key: &IdempotencyKey) -> Result<ChecklistFacts, ApiError> {
    client::send(Method::POST, "/benefits/viewed", key, None, NO_BODY).await
}

// Marketing contacts

pub async fn contacts() -> Result<Versioned<MarketingContactsResponse>, ApiError> {
    let value: MarketingContactsResponse = client::get("/marketing-contacts").await?;
    let version = value.version;
    Ok(Versioned { value, version })
}

pub async fn add_contact(
    body: &MarketingContactRequest,
    version: u64,
    key: &IdempotencyKey,
) -> Result<MarketingContactsResponse, ApiError> {
    client::send(
        Method::POST,
        "/marketing-contacts",
        key,
        Some(version),
        Some(body),
    )
    .await
}

pub async fn replace_contact(
    id: &str,
    body: &MarketingContactRequest,
    version: u64,
    key: &IdempotencyKey,
) -> Result<MarketingContactsResponse, ApiError> {
    let path = format!("/marketing-contacts/{}", encode(id));
    client::send(Method::PUT, &path, key, Some(version), Some(body)).await
}

pub async fn remove_contact(
    id: &str,
    version: u64,
    key: &IdempotencyKey,
) -> Result<MarketingContactsResponse, ApiError> {
    let path = format!("/marketing-contacts/{}", encode(id));
    client::send(Method::DELETE, &path, key, Some(version), NO_BODY).await
}

// Technical requests

pub async fn technical_requests() -> Result<TechnicalRequestListResponse, ApiError> {
    client::get("/technical-requests").await
}

pub async fn technical_request(id: &str) -> Result<TechnicalRequestResponse, ApiError> {
    client::get(&format!("/technical-requests/{}", encode(id))).await
}

pub async fn create_technical_request(
    body: &TechnicalRequestCreate,
    key: &IdempotencyKey,
) -> Result<TechnicalRequestResponse, ApiError> {
    client::send(Method::POST, "/technical-requests", key, None, Some(body)).await
}

/// A note on a case (by id or case number).
pub async fn add_case_note(
    case: &str,
    body: &CaseNoteCreate,
    key: &IdempotencyKey,
) -> Result<TechnicalRequestResponse, ApiError> {
    let path = format!("/technical-requests/{}/notes", encode(case));
    client::send(Method::POST, &path, key, None, Some(body)).await
}

/// Cancels a case still at `version` (its `If-Match`).
pub async fn cancel_case(
    case: &str,
    version: u64,
    key: &IdempotencyKey,
) -> Result<TechnicalRequestResponse, ApiError> {
    let path = format!("/technical-requests/{}/cancel", encode(case));
    client::send(Method::POST, &path, key, Some(version), NO_BODY).await
}

// Insights (the browser revalidates them with their ETag)

pub async fn insights_sales() -> Result<rewards_core::insights::SalesSeries, ApiError> {
    client::get("/insights/sales").await
}

pub async fn insights_benefits() -> Result<rewards_core::insights::BenefitsSeries, ApiError> {
    client::get("/insights/benefits").await
}

pub async fn insights_technical_use(
) -> Result<rewards_core::insights::technical::TechnicalUse, ApiError> {
    client::get("/insights/technical-use").await
}

pub async fn insights_m365_usage() -> Result<rewards_core::insights::m365::M365Usage, ApiError> {
    client::get("/insights/m365-usage").await
}

// Tenants

pub async fn tenants() -> Result<TenantsResponse, ApiError> {
    client::get("/tenants").await
}

pub async fn associate_tenant(
    body: &TenantAssociationRequest,
    key: &IdempotencyKey,
) -> Result<PendingTenantAssociation, ApiError> {
    client::send(Method::POST, "/tenants/associations", key, None, Some(body)).await
}

pub async fn confirm_tenant(
    association_id: &str,
    version: u64,
    key: &IdempotencyKey,
) -> Result<TenantsResponse, ApiError> {
    let path = format!("/tenants/associations/{}/confirm", encode(association_id));
    client::send(Method::POST, &path, key, Some(version), NO_BODY).await
}

pub async fn remove_tenant(
    domain: &str,
    version: u64,
    key: &IdempotencyKey,
) -> Result<TenantsResponse, ApiError> {
    let path = format!("/tenants/{}", encode(domain));
    client::send(Method::DELETE, &path, key, Some(version), NO_BODY).await
}

fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}

/// `?category=…&status=…&q=…` with only the filters that are set.
fn query_string(query: &BenefitListQuery) -> String {
    let params = web_sys::UrlSearchParams::new().expect("URLSearchParams");
    if let Some(category) = query.category {
        params.append("category", &wire_name(&category));
    }
    if let Some(status) = query.status {
        params.append("status", &wire_name(&status));
    }
    if let Some(q) = query.q.as_deref().filter(|q| !q.trim().is_empty()) {
        params.append("q", q.trim());
    }
    let text = String::from(params.to_string());
    if text.is_empty() {
        text
    } else {
        format!("?{text}")
    }
}

/// The snake_case name serde gives an enum value on the wire.
pub fn wire_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
