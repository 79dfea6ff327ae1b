//! Company marketing contacts (1 to 3), a versioned collection.

use super::versioned::{self, Collection};
use crate::auth::{self, CurrentUser};
use crate::extract::{ApiJson, PathId};
use crate::problem::{ApiResult, Problem};
use crate::repo;
use crate::sql::Conn;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use rewards_core::api::{
    problem_codes as codes, MarketingContactRequest, MarketingContactsResponse, ProblemDetails,
};
use rewards_core::model::MarketingContact;
use rewards_core::validate::{
    check_contact_removal, validate_marketing_contact, ContactRemovalBlocked, ErrorCode, FieldError,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The marketing-contact routes: `/marketing-contacts` and `/marketing-contacts/{id}`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(replace, remove))
}

impl Collection for MarketingContactsResponse {
    const STALE: &'static str =
        "The marketing contacts were changed by someone else since you loaded them. Reload and try again.";

    fn bump_version_if(
        conn: &Conn,
        company_id: &str,
        expected: u64,
    ) -> crate::sql::Result<Option<u64>> {
        repo::bump_contacts_version_if(conn, company_id, expected)
    }

    fn load(conn: &Conn, cu: &CurrentUser) -> crate::sql::Result<Self> {
        Ok(MarketingContactsResponse {
            contacts: repo::contacts(conn, &cu.company_id)?,
            version: repo::contacts_version(conn, &cu.company_id)?,
        })
    }

    fn etag_version(&self) -> u64 {
        self.version
    }
}

/// The company's contacts other than `id`; 404 when `id` is not one of them.
fn others_than(conn: &Conn, company_id: &str, id: &str) -> ApiResult<Vec<MarketingContact>> {
    let all = repo::contacts(conn, company_id)?;
    if !all.iter().any(|c| c.id == id) {
        return Err(Problem::not_found("No such marketing contact."));
    }
    Ok(all.into_iter().filter(|c| c.id != id).collect())
}

/// The user must be one of the account's users: of this company, signed in through a tenant
/// associated with it (the users `GET /users` lists).
fn check_user(conn: &Conn, company_id: &str, user_id: &str) -> ApiResult<()> {
    match auth::load_user(conn, user_id.trim())? {
        Some((user, cid, _))
            if cid == company_id && auth::tenant_associated(conn, company_id, &user.tenant)? =>
        {
            Ok(())
        }
        _ => Err(Problem::validation(vec![FieldError::new(
            "user_id",
            ErrorCode::ValueNotAllowed,
        )])),
    }
}

/// The marketing contacts and their version (also the `ETag`).
#[utoipa::path(
    get,
    path = "/marketing-contacts",
    tag = "marketing-contacts",
    responses(
        (status = 200, description = "Contacts", body = MarketingContactsResponse,
            headers(("ETag" = String, description = "\"<version>\""))),
        (status = 403, description = "programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn list(State(state): State<AppState>, cu: CurrentUser) -> ApiResult<Response> {
    cu.require_programme()?;
    versioned::get::<MarketingContactsResponse>(&state, cu).await
}

/// Assign one more marketing contact (at most 3; email must differ from the
/// Partner Center account email).
#[utoipa::path(
    post,
    path = "/marketing-contacts",
    tag = "marketing-contacts",
    params(
        ("Idempotency-Key" = String, Header, description = "Required"),
        ("If-Match" = String, Header, description = "\"<version>\" from the ETag"),
    ),
    request_body = MarketingContactRequest,
    responses(
        (status = 201, description = "Assigned; the new collection", body = MarketingContactsResponse,
            headers(("ETag" = String, description = "\"<version>\""))),
        (status = 403, description = "read_only_role or programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 412, description = "Stale If-Match", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    cu: CurrentUser,
    headers: HeaderMap,
    ApiJson(input): ApiJson<MarketingContactRequest>,
) -> ApiResult<Response> {
    cu.require_programme()?;
    cu.require_rewards_manager()?;
    versioned::mutate::<MarketingContactsResponse, _>(
        &state,
        cu,
        &headers,
        StatusCode::CREATED,
        |_, _| Ok(()),
        move |tx, cu, ()| {
            let existing = repo::contacts(tx, &cu.company_id)?;
            let valid = validate_marketing_contact(&input, &cu.company.account_email, &existing)
                .map_err(Problem::validation)?;
            check_user(tx, &cu.company_id, &valid.user_id)?;
            let contact = valid.into_contact(auth::new_id("mc-"));
            tx.execute(
                "INSERT INTO marketing_contacts (id, company_id, user_id, email, phone_e164, preferred_language, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                crate::params![
                    contact.id,
                    cu.company_id,
                    contact.user_id,
                    contact.email,
                    contact.phone_e164,
                    repo::enc(&contact.preferred_language),
                    crate::clock::now_unix()
                ],
            )?;
            Ok(())
        },
    )
    .await
}

/// Replace one marketing contact.
#[utoipa::path(
    put,
    path = "/marketing-contacts/{id}",
    tag = "marketing-contacts",
    params(
        ("id" = String, Path, description = "Contact id"),
        ("Idempotency-Key" = String, Header, description = "Required"),
        ("If-Match" = String, Header, description = "\"<version>\" from the ETag"),
    ),
    request_body = MarketingContactRequest,
    responses(
        (status = 200, description = "Replaced; the new collection", body = MarketingContactsResponse,
            headers(("ETag" = String, description = "\"<version>\""))),
        (status = 403, description = "read_only_role or programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such contact", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 412, description = "Stale If-Match", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn replace(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathId(id): PathId,
    headers: HeaderMap,
    ApiJson(input): ApiJson<MarketingContactRequest>,
) -> ApiResult<Response> {
    cu.require_programme()?;
    cu.require_rewards_manager()?;
    let target = id.clone();
    versioned::mutate::<MarketingContactsResponse, _>(
        &state,
        cu,
        &headers,
        StatusCode::OK,
        move |tx, cu| others_than(tx, &cu.company_id, &target),
        move |tx, cu, others| {
            let valid = validate_marketing_contact(&input, &cu.company.account_email, &others)
                .map_err(Problem::validation)?;
            check_user(tx, &cu.company_id, &valid.user_id)?;
            tx.execute(
                "UPDATE marketing_contacts SET user_id = ?3, email = ?4, phone_e164 = ?5, preferred_language = ?6
                 WHERE id = ?1 AND company_id = ?2",
                crate::params![
                    id,
                    cu.company_id,
                    valid.user_id,
                    valid.email,
                    valid.phone_e164,
                    repo::enc(&valid.preferred_language)
                ],
            )?;
            Ok(())
        },
    )
    .await
}

/// Remove a marketing contact. The last one cannot be removed while an activated or
/// in-progress sales and marketing benefit needs it (the Rewards team works with it).
#[utoipa::path(
    delete,
    path = "/marketing-contacts/{id}",
    tag = "marketing-contacts",
    params(
        ("id" = String, Path, description = "Contact id"),
        ("Idempotency-Key" = String, Header, description = "Required"),
        ("If-Match" = String, Header, description = "\"<version>\" from the ETag"),
    ),
    responses(
        (status = 200, description = "Removed; the new collection", body = MarketingContactsResponse,
            headers(("ETag" = String, description = "\"<version>\""))),
        (status = 403, description = "read_only_role or programme_hidden", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 404, description = "No such contact", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 409, description = "last_contact_required: the last contact, while an activated sales and marketing benefit needs one", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 412, description = "Stale If-Match", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn remove(
    State(state): State<AppState>,
    cu: CurrentUser,
    PathId(id): PathId,
    headers: HeaderMap,
) -> ApiResult<Response> {
    cu.require_programme()?;
    cu.require_rewards_manager()?;
    let target = id.clone();
    versioned::mutate::<MarketingContactsResponse, _>(
        &state,
        cu,
        &headers,
        StatusCode::OK,
        move |tx, cu| others_than(tx, &cu.company_id, &target),
        move |tx, cu, remaining| {
            let benefits = repo::benefits(tx, &cu.company_id)?;
            check_contact_removal(&remaining, &benefits).map_err(|blocked| match blocked {
                ContactRemovalBlocked::LastContactNeeded { benefit_ids } => Problem::conflict(
                    codes::LAST_CONTACT,
                    format!(
                        "This is the company's last marketing contact, and {} activated sales and marketing benefit(s) need one: the Rewards team contacts this person about them. Assign another contact first, or replace this one.",
                        benefit_ids.len()
                    ),
                ),
            })?;
            tx.execute(
                "DELETE FROM marketing_contacts WHERE id = ?1 AND company_id = ?2",
                [&id, &cu.company_id],
            )?;
            Ok(())
        },
    )
    .await
}
