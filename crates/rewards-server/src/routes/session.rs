//! Sign-in, sign-out and the signed-in user.

use super::json;
use crate::auth::{self, CurrentUser};
use crate::clock;
use crate::extract::ApiJson;
use crate::problem::{ApiResult, Problem};
use crate::repo;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use rewards_core::api::{
    problem_codes as codes, MeResponse, ProblemDetails, SessionStatus, SignInRequest,
    SignInResponse, UserSummary,
};
use rewards_core::model::{any_can_manage_rewards, any_can_manage_tenants};
use rusqlite::{Connection, OptionalExtension};

pub fn me_response(conn: &Connection, cu: &CurrentUser) -> rusqlite::Result<MeResponse> {
    Ok(MeResponse {
        user: UserSummary {
            id: cu.user.id.clone(),
            display_name: cu.user.display_name.clone(),
            email: cu.user.email.clone(),
            roles: cu.user.roles.clone(),
        },
        company: cu.company.clone(),
        tenant: cu.user.tenant.clone(),
        programme_visible: cu.programme_visible,
        can_manage_rewards: cu.user.can_manage_rewards(),
        can_manage_tenants: cu.user.can_manage_tenants(),
        reward_managers: repo::user_names_where(conn, &cu.company_id, any_can_manage_rewards)?,
        tenant_managers: repo::user_names_where(conn, &cu.company_id, any_can_manage_tenants)?,
    })
}

/// Sign in with email and password.
#[utoipa::path(
    post,
    path = "/session",
    tag = "session",
    description = "Signs in and returns a bearer token valid for 8 hours. Requires an \
        `Idempotency-Key` header like every mutation, but the response is never stored \
        or replayed because it contains a token: a repeated sign-in creates a new session.",
    params(("Idempotency-Key" = String, Header, description = "Required; not recorded for sign-in")),
    request_body = SignInRequest,
    responses(
        (status = 201, description = "Signed in", body = SignInResponse),
        (status = 400, description = "Malformed body", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 401, description = "Wrong email or password", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 428, description = "Idempotency-Key missing", body = ProblemDetails, content_type = "application/problem+json"),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<SignInRequest>,
) -> ApiResult<Response> {
    let creds = rewards_core::validate::validate_sign_in(&body.email, &body.password)
        .map_err(Problem::validation)?;
    let email = creds.username.clone();
    let found: Option<(String, String)> = state
        .db
        .call(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT id, password_hash FROM users WHERE email = ?1",
                    [&email],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?)
        })
        .await?;
    let password = creds.password;
    let (user_id, ok) = tokio::task::spawn_blocking(move || match found {
        Some((id, hash)) => {
            let ok = auth::verify_password(&hash, &password);
            (Some(id), ok)
        }
        None => {
            let _ = auth::verify_password(auth::dummy_hash(), &password);
            (None, false)
        }
    })
    .await
    .map_err(|_| Problem::internal())?;
    let Some(user_id) = user_id.filter(|_| ok) else {
        return Err(Problem::unauthorized(
            codes::INVALID_CREDENTIALS,
            "The email or password is not correct.",
        ));
    };
    let token = auth::new_token();
    let hash = auth::token_hash(&token);
    let response = state
        .db
        .call(move |conn| {
            let now = clock::now_unix();
            let expires = now + auth::SESSION_SECONDS;
            conn.execute("DELETE FROM sessions WHERE expires_at < ?1", [now])?;
            conn.execute(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![hash, user_id, now, expires],
            )?;
            let cu = auth::authenticate(conn, &hash)?;
            Ok(SignInResponse {
                token,
                expires_at: clock::ts(expires),
                me: me_response(conn, &cu)?,
            })
        })
        .await?;
    let cookie = auth::session_cookie(&response.token);
    let mut response = json(StatusCode::CREATED, &response);
    if let Ok(value) = header::HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// Sign out: revokes the bearer token.
#[utoipa::path(
    delete,
    path = "/session",
    tag = "session",
    params(("Idempotency-Key" = String, Header, description = "Required")),
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Not signed in", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 428, description = "Idempotency-Key missing", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn sign_out(State(state): State<AppState>, cu: CurrentUser) -> ApiResult<Response> {
    let hash = cu.token_hash;
    state
        .db
        .call(move |conn| {
            conn.execute(
                "UPDATE sessions SET revoked_at = ?2 WHERE token_hash = ?1",
                rusqlite::params![hash, clock::now_unix()],
            )?;
            Ok(())
        })
        .await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    if let Ok(value) = header::HeaderValue::from_str(&auth::cleared_session_cookie()) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// Whether this request carries a live session (cookie or bearer), answered
/// with 200 either way so a signed-out page load is not an error.
#[utoipa::path(
    get,
    path = "/session",
    tag = "session",
    responses(
        (status = 200, description = "Session status, with the user when signed in", body = SessionStatus),
    )
)]
pub async fn current_session(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> ApiResult<Response> {
    let token = auth::bearer(&headers).or_else(|| auth::cookie_token(&headers));
    let Some(hash) = token.map(auth::token_hash) else {
        return Ok(json(
            StatusCode::OK,
            &SessionStatus {
                signed_in: false,
                me: None,
            },
        ));
    };
    let status = state
        .db
        .call(move |conn| {
            Ok(match auth::authenticate(conn, &hash) {
                Ok(cu) => SessionStatus {
                    signed_in: true,
                    me: Some(me_response(conn, &cu)?),
                },
                Err(_) => SessionStatus {
                    signed_in: false,
                    me: None,
                },
            })
        })
        .await?;
    Ok(json(StatusCode::OK, &status))
}

/// The signed-in user, company and what they may do.
#[utoipa::path(
    get,
    path = "/me",
    tag = "session",
    responses(
        (status = 200, description = "The signed-in user", body = MeResponse),
        (status = 401, description = "Not signed in", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn me(State(state): State<AppState>, cu: CurrentUser) -> ApiResult<Response> {
    let me = state
        .db
        .call(move |conn| Ok(me_response(conn, &cu)?))
        .await?;
    Ok(json(StatusCode::OK, &me))
}

/// Users of the partner account (to pick a marketing contact).
#[utoipa::path(
    get,
    path = "/users",
    tag = "session",
    responses(
        (status = 200, description = "Account users", body = rewards_core::api::UsersResponse),
        (status = 401, description = "Not signed in", body = ProblemDetails, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn users(State(state): State<AppState>, cu: CurrentUser) -> ApiResult<Response> {
    let users = state
        .db
        .call(move |conn| Ok(repo::users(conn, &cu.company_id)?))
        .await?;
    Ok(json(
        StatusCode::OK,
        &rewards_core::api::UsersResponse { users },
    ))
}
