//! Low-level requests: base URL, headers, credentials and problem decoding.

use gloo_net::http::{Request, RequestBuilder, Response};
use rewards_core::api::{ProblemDetails, API_PREFIX, IDEMPOTENCY_KEY_HEADER};
use serde::de::DeserializeOwned;
use serde::Serialize;

use std::cell::RefCell;

use super::{auth, ApiError, IdempotencyKey};

/// A response body together with the collection version from its `ETag`.
#[derive(Debug, Clone, PartialEq)]
pub struct Versioned<T> {
    pub value: T,
    pub version: u64,
}

/// The `If-Match` value for a collection version.
pub fn if_match(version: u64) -> String {
    format!("\"{version}\"")
}

thread_local! {
    static API_BASE: RefCell<String> = RefCell::new(API_PREFIX.to_owned());
}

/// Points the client at another API base (from the runtime configuration).
pub fn set_api_base(base: &str) {
    let base = base.trim_end_matches('/');
    API_BASE.with(|slot| *slot.borrow_mut() = base.to_owned());
}

pub fn url(path: &str) -> String {
    API_BASE.with(|base| format!("{}{path}", base.borrow()))
}

/// Adds what every request carries. Standalone, the session travels in an
/// HttpOnly cookie; embedded, the host's bearer token (memory only) is added.
fn prepare(builder: RequestBuilder) -> RequestBuilder {
    let builder = builder.header("Accept", "application/json");
    match auth::bearer_token() {
        Some(token) => builder.header("Authorization", &format!("Bearer {token}")),
        None => builder,
    }
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let mut response = get_raw(path).await?;
    if response.status() == 401 && auth::refresh_token().await {
        response = get_raw(path).await?;
    }
    decode(response).await
}

async fn get_raw(path: &str) -> Result<Response, ApiError> {
    let request = prepare(Request::get(&url(path)))
        .build()
        .map_err(|_| ApiError::Network)?;
    request.send().await.map_err(|_| ApiError::Network)
}

/// A mutation: always with an idempotency key, optionally with `If-Match` and a JSON body.
pub async fn send<B: Serialize, T: DeserializeOwned>(
    method: gloo_net::http::Method,
    path: &str,
    key: &IdempotencyKey,
    if_match_version: Option<u64>,
    body: Option<&B>,
) -> Result<T, ApiError> {
    let response = send_once_more_on_401(method, path, key, if_match_version, body).await?;
    decode(response).await
}

/// Like [`send`] for responses without a body (204).
pub async fn send_no_content<B: Serialize>(
    method: gloo_net::http::Method,
    path: &str,
    key: &IdempotencyKey,
    body: Option<&B>,
) -> Result<(), ApiError> {
    let response = send_once_more_on_401(method, path, key, None, body).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(problem(response).await)
    }
}

/// On a 401 with a host that can refresh the token, the write is repeated once
/// with the same idempotency key, so the server applies it at most once.
async fn send_once_more_on_401<B: Serialize>(
    method: gloo_net::http::Method,
    path: &str,
    key: &IdempotencyKey,
    if_match_version: Option<u64>,
    body: Option<&B>,
) -> Result<Response, ApiError> {
    let response = send_raw(method.clone(), path, key, if_match_version, body).await?;
    if response.status() == 401 && auth::refresh_token().await {
        return send_raw(method, path, key, if_match_version, body).await;
    }
    Ok(response)
}

async fn send_raw<B: Serialize>(
    method: gloo_net::http::Method,
    path: &str,
    key: &IdempotencyKey,
    if_match_version: Option<u64>,
    body: Option<&B>,
) -> Result<Response, ApiError> {
    let mut builder = prepare(RequestBuilder::new(&url(path)).method(method))
        .header(IDEMPOTENCY_KEY_HEADER, key.as_str());
    if let Some(version) = if_match_version {
        builder = builder.header("If-Match", &if_match(version));
    }
    let request = match body {
        Some(body) => builder.json(body),
        None => builder.build(),
    }
    .map_err(|_| ApiError::Network)?;
    request.send().await.map_err(|_| ApiError::Network)
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if !response.ok() {
        return Err(problem(response).await);
    }
    let status = response.status();
    response
        .json::<T>()
        .await
        .map_err(|_| ApiError::Unexpected { status })
}

async fn problem(response: Response) -> ApiError {
    let status = response.status();
    match response.json::<ProblemDetails>().await {
        Ok(problem) => ApiError::Problem(problem),
        Err(_) => ApiError::Unexpected { status },
    }
}
