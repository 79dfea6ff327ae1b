//! Azure AD tenants associated with the partner account.

use super::versioned::{self, Collection};
use crate::auth::{self, CurrentUser};
use crate::clock;
use crate::extract::{ApiJson, PathId};
use crate::problem::{ApiResult, Problem};
use crate::repo;
use crate::sql::{Conn, OptionalExtension};
use crate::state::AppState;
use crate::throttle;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use rewards_core::api::{
    problem_codes as codes, PendingTenantAssociation, ProblemDetails, TenantAssociationRequest,
    TenantsResponse,
};
use rewards_core::validate::validate_tenant_association;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The tenant routes: `/tenants`, the associations and `/tenants/{domain}`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(start_association))
        .routes(routes!(confirm_association))
        .routes(routes!(remove))
}

/// How long verified credentials wait for confirmation, seconds.
pub const PENDING_SECONDS: i64 = 15 * 60;

impl Collection for TenantsResponse {
    const STALE: &'static str =
        "The tenant list was changed since you loaded it. Reload and try again.";

    fn bump_version_if(
        conn: &Conn,
        company_id: &str,
        expected: u64,
    ) -> crate::sql::Result<Option<u64>> {
        repo::bump_tenants_version_if(conn, company_id, expected)
    }

    fn load(conn: &Conn, cu: &CurrentUser) -> crate::sql::Result<Self> {
        Ok(TenantsResponse {
            tenants: repo::tenants(conn, &cu.company_id)?,
            version: repo::tenants_version(conn, &cu.company_id)?,
            signed_in_tenant: cu.user.tenant.clone(),
        })
    }

    fn etag_version(&self) -> u64 {
        self.version
    }
}

fn already_associated() -> Problem {
    Problem::conflict(
        codes::TENANT_ALREADY_ASSOCIATED,
        "This tenant is already associated with the partner account.",
    )
}

/// Tenants associated with the partner account, and their version.
#[utoipa::path(
    get,
    path = "/tenants",
    tag = "tenants",
    responses(
        (status = 200, description = "Tenants", body = TenantsResponse,
            headers(("ETag" = String, description = "\"<version>\""))),
    ),
    security(("bearer" = []))
)]
pub async fn list(State(state): State<AppState>, cu: CurrentUser) -> ApiResult<Response> {
    versioned::get::<TenantsResponse>(&state, cu).await
}

/// Check the credentials of a user of another tenant. Nothing is associated
/// yet: the answer names the organisation for the admin to review and confirm.
/// The password is verified and dropped (never stored, logged or echoed).
#[utoipa::path(
    post,
    path = "/tenants/associations",
    tag = "tenants",
    params(("Idempotency-Key" = String, Header, description = "Required; the password is removed before the request fingerprint is computed")),
    request_body = TenantAssociationRequest,
    responses(
        (status = 201, description = "Credentials verified; pending confirmation", body = PendingTenantAssociation),
        (status = 403, description = "tenant_admin_required, or associated_tenant_sign_in_required: signed in through a tenant not associated with the partner account", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "tenant_already_associated", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields or tenant_credentials_invalid", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 429, description = "too_many_attempts (5 failures per user and tenant per 15 minutes)", body = ProblemDetails, content_type = "application/problem+json",
            headers(("Retry-After" = u32, description = "Seconds"))),
    ),
    security(("bearer" = []))
)]
pub async fn start_association(
    State(state): State<AppState>,
    cu: CurrentUser,
    ApiJson(input): ApiJson<TenantAssociationRequest>,
) -> ApiResult<Response> {
    cu.require_tenant_manager_in_account()?;
    let (domain, creds) = validate_tenant_association(&input).map_err(Problem::validation)?;
    drop(input);
    let company_id = cu.company_id.clone();
    let (d2, username) = (domain.clone(), creds.username.clone());
    let bucket = throttle::tenant_bucket(&cu.user.id, &domain);
    let bucket2 = bucket.clone();
    let now = state.clock.now_unix();
    // The attempt is reserved (counted) before the password is checked, in
    // one statement that refuses beyond the limit; a success resets it.
    let found: Option<(String, String)> = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            throttle::prune(&tx, now)?;
            if let Err(retry) = throttle::reserve(&tx, &bucket2, throttle::TENANT, now)? {
                return Err(Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    codes::TOO_MANY_ATTEMPTS,
                    "Too many attempts",
                    "Too many failed sign-in attempts for this tenant. Wait and try again.",
                )
                .with_header(header::RETRY_AFTER, HeaderValue::from(retry)));
            }
            // Not counted (rolled back) when the tenant is already associated.
            if auth::tenant_associated(&tx, &company_id, &d2)? {
                return Err(already_associated());
            }
            let found = tx
                .query_row(
                    "SELECT d.organisation, u.password_hash FROM tenant_directory d
                     JOIN tenant_directory_users u ON u.domain = d.domain
                     WHERE d.domain = ?1 AND lower(u.username) = lower(?2)",
                    [&d2, &username],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            tx.commit()?;
            Ok(found)
        })
        .await?;
    let (organisation, hash) = found.unzip();
    let verified = auth::verify_bounded(&state, hash, creds.password)
        .await?
        .then_some(organisation)
        .flatten();
    let user_id = cu.user.id.clone();
    let company_id = cu.company_id.clone();
    let pending = state
        .db
        .call(move |conn| {
            let now = clock::now_unix();
            let Some(organisation) = verified else {
                // Already counted by the reservation.
                return Err(Problem::unprocessable(
                    codes::TENANT_CREDENTIALS_INVALID,
                    "The tenant, user name or password is not correct.",
                ));
            };
            throttle::reset(conn, &bucket)?;
            conn.execute("DELETE FROM pending_tenant_associations WHERE expires_at < ?1", [now])?;
            let id = auth::new_id("ta-");
            let expires = now + PENDING_SECONDS;
            conn.execute(
                "INSERT INTO pending_tenant_associations (id, company_id, user_id, domain, organisation, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                crate::params![id, company_id, user_id, domain, organisation, now, expires],
            )?;
            Ok(PendingTenantAssociation {
                association_id: id,
                organisation,
                domain,
                expires_at: clock::ts(expires),
            })
        })
        .await?;
    Ok(super::json(StatusCode::CREATED, &pending))
}

/// Confirm a verified association after reviewing organisation and domain.
#[utoipa::path(
    post,
    path = "/tenants/associations/{association_id}/confirm",
    tag = "tenants",
    params(
        ("association_id" = String, Path, description = "From the pending association"),
        ("Idempotency-Key" = String, Header, description = "Required"),
        ("If-Match" = String, Header, description = "\"<version>\" of the tenant list"),
    ),
    responses(
        (status = 200, description = "Associated; the new tenant list", body = TenantsResponse,
            headers(("ETag" = String, description = "\"<version>\""))),
        (status = 403, description = "tenant_admin_required, or associated_tenant_sign_in_required: signed in through a tenant not associated with the partner account", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such pending association", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "tenant_association_expired or tenant_already_associated", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 412, description = "Stale If-Match", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn confirm_association(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathId(id): PathId,
    headers: HeaderMap,
) -> ApiResult<Response> {
    cu.require_tenant_manager_in_account()?;
    versioned::mutate::<TenantsResponse, _>(
        &state,
        cu,
        &headers,
        StatusCode::OK,
        move |tx, cu| {
            let pending: Option<(String, String, i64)> = tx
                .query_row(
                    "SELECT domain, organisation, expires_at FROM pending_tenant_associations
                     WHERE id = ?1 AND company_id = ?2 AND user_id = ?3",
                    [&id, &cu.company_id, &cu.user.id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let (domain, organisation, expires) =
                pending.ok_or_else(|| Problem::not_found("No such pending tenant association."))?;
            let now = clock::now_unix();
            if expires < now {
                return Err(Problem::conflict(
                    codes::TENANT_ASSOCIATION_EXPIRED,
                    "The review period has passed. Enter the tenant credentials again.",
                ));
            }
            Ok((id, domain, organisation, now))
        },
        |tx, cu, (id, domain, organisation, now)| {
            if auth::tenant_associated(tx, &cu.company_id, &domain)? {
                return Err(already_associated());
            }
            tx.execute(
                "INSERT INTO tenant_associations (company_id, domain, organisation, associated_at, is_home) VALUES (?1, ?2, ?3, ?4, 0)",
                crate::params![cu.company_id, domain, organisation, now],
            )?;
            tx.execute("DELETE FROM pending_tenant_associations WHERE id = ?1", [&id])?;
            Ok(())
        },
    )
    .await
}

/// Remove an associated tenant (never the home tenant or the one you are
/// signed in with).
#[utoipa::path(
    delete,
    path = "/tenants/{domain}",
    tag = "tenants",
    params(
        ("domain" = String, Path, description = "Tenant domain"),
        ("Idempotency-Key" = String, Header, description = "Required"),
        ("If-Match" = String, Header, description = "\"<version>\" of the tenant list"),
    ),
    responses(
        (status = 200, description = "Removed; the new tenant list", body = TenantsResponse,
            headers(("ETag" = String, description = "\"<version>\""))),
        (status = 403, description = "tenant_admin_required, or associated_tenant_sign_in_required: signed in through a tenant not associated with the partner account", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "Not associated", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "tenant_is_signed_in or home_tenant_not_removable", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 412, description = "Stale If-Match", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn remove(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathId(domain): PathId,
    headers: HeaderMap,
) -> ApiResult<Response> {
    cu.require_tenant_manager_in_account()?;
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    versioned::mutate::<TenantsResponse, _>(
        &state,
        cu,
        &headers,
        StatusCode::OK,
        move |tx, cu| {
            let is_home: Option<bool> = tx
                .query_row(
                    "SELECT is_home FROM tenant_associations WHERE company_id = ?1 AND domain = ?2",
                    [&cu.company_id, &domain],
                    |r| r.get(0),
                )
                .optional()?;
            let is_home =
                is_home.ok_or_else(|| Problem::not_found("This tenant is not associated."))?;
            if domain == cu.user.tenant {
                return Err(Problem::conflict(
                    codes::TENANT_IS_SIGNED_IN,
                    "You cannot remove the tenant you are signed in with.",
                ));
            }
            if is_home {
                return Err(Problem::conflict(
                    codes::HOME_TENANT,
                    "The tenant used to create the partner account cannot be removed.",
                ));
            }
            Ok(domain)
        },
        |tx, cu, domain| {
            tx.execute(
                "DELETE FROM tenant_associations WHERE company_id = ?1 AND domain = ?2",
                [&cu.company_id, &domain],
            )?;
            Ok(())
        },
    )
    .await
}
