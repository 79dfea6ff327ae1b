//! Sign-in, sign-out and the signed-in user.

use super::json;
use crate::auth::{self, CurrentUser};
use crate::clock;
use crate::extract::ApiJson;
use crate::problem::{ApiResult, Problem};
use crate::repo;
use crate::sql::{Conn, OptionalExtension};
use crate::state::AppState;
use crate::throttle::{self, ClientAddr};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rewards_core::api::{
    problem_codes as codes, MeResponse, ProblemDetails, SessionStatus, SignInRequest,
    SignInResponse, UserSummary,
};
use rewards_core::model::{any_can_manage_rewards, any_can_manage_tenants};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The session routes: `/session` (status, sign-in, sign-out), `/me` and `/users`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(current_session, sign_in, sign_out))
        .routes(routes!(me))
        .routes(routes!(users))
}

pub fn me_response(conn: &Conn, cu: &CurrentUser) -> crate::sql::Result<MeResponse> {
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

/// The 429 answer to a sign-in refused by the attempt limits: the same for
/// the account and the address limit, and for known and unknown accounts.
fn too_many_sign_in_attempts(wait: i64) -> Problem {
    Problem::new(
        StatusCode::TOO_MANY_REQUESTS,
        codes::TOO_MANY_SIGN_IN_ATTEMPTS,
        "Too many sign-in attempts",
        "Too many failed sign-in attempts. Wait and try again.",
    )
    .with_header(header::RETRY_AFTER, HeaderValue::from(wait))
}

/// Sign in with email and password.
#[utoipa::path(
    post,
    path = "/session",
    tag = "session",
    description = "Signs in and returns a bearer token valid for 8 hours. Requires an \
        `Idempotency-Key` header like every mutation, but the response is never stored \
        or replayed because it contains a token: a repeated sign-in creates a new session.\n\n\
        Failed sign-ins are limited per account (known or not) and per client address: \
        10 failures are free, then each attempt for the account must wait 2^(n-10) seconds \
        after the previous one (up to 15 minutes); 100 failures per address per 15 minutes. \
        A refused attempt is answered 429 `too_many_sign_in_attempts` with `Retry-After` \
        before the password is checked. A success resets the account's counter.",
    params(("Idempotency-Key" = String, Header, description = "Required; not recorded for sign-in")),
    request_body = SignInRequest,
    responses(
        (status = 201, description = "Signed in", body = SignInResponse),
        (status = 401, description = "Wrong email or password", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = ProblemDetails, content_type = "application/problem+json"),
        (status = 429, description = "too_many_sign_in_attempts: too many failed sign-ins for the account or from the address", body = ProblemDetails, content_type = "application/problem+json",
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    ApiJson(body): ApiJson<SignInRequest>,
) -> ApiResult<Response> {
    // Input rejected by validation is not a guess: it is not counted.
    let creds = rewards_core::validate::validate_sign_in(&body.email, &body.password)
        .map_err(Problem::validation)?;
    let email = creds.username.clone();
    let account = throttle::account_bucket(&creds.username);
    let address = throttle::address_bucket(addr);
    let now = state.clock.now_unix();
    let (account2, address2) = (account.clone(), address.clone());
    // Reserve the attempt for the address and the account (both or neither)
    // before any password work; known and unknown accounts alike.
    let found: Option<(String, String)> = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            throttle::prune(&tx, now)?;
            for (bucket, policy) in [
                (&address2, throttle::ADDRESS),
                (&account2, throttle::ACCOUNT),
            ] {
                if let Err(wait) = throttle::reserve(&tx, bucket, policy, now)? {
                    return Err(too_many_sign_in_attempts(wait));
                }
            }
            let found = tx
                .query_row(
                    "SELECT id, password_hash FROM users WHERE lower(email) = lower(?1)",
                    [&email],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            tx.commit()?;
            Ok(found)
        })
        .await?;
    let (user_id, hash) = found.unzip();
    let ok = auth::verify_bounded(&state, hash, creds.password).await?;
    // A failure stays counted (it was reserved above).
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
            // A success starts the account over and gives the address its
            // reservation back, so successful sign-ins are never limited.
            throttle::reset(conn, &account)?;
            throttle::give_back(conn, &address)?;
            conn.execute("DELETE FROM sessions WHERE expires_at < ?1", [now])?;
            conn.execute(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                crate::params![hash, user_id, now, expires],
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
                crate::params![hash, clock::now_unix()],
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
