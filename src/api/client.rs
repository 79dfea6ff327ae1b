//! Low-level requests: base URL, headers, credentials and problem decoding.

use gloo_net::http::{Request, RequestBuilder, Response};
use rewards_core::api::{ProblemDetails, API_PREFIX, IDEMPOTENCY_KEY_HEADER};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{ApiError, IdempotencyKey};

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

pub fn url(path: &str) -> String {
    format!("{API_PREFIX}{path}")
}

/// Adds what every request carries. The session travels in an HttpOnly cookie
/// (same origin), so no token is ever visible to script here.
fn prepare(builder: RequestBuilder) -> RequestBuilder {
    builder.header("Accept", "application/json")
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let request = prepare(Request::get(&url(path)))
        .build()
        .map_err(|_| ApiError::Network)?;
    read_json(request.send().await).await
}

/// A mutation: always with an idempotency key, optionally with `If-Match` and a JSON body.
pub async fn send<B: Serialize, T: DeserializeOwned>(
    method: gloo_net::http::Method,
    path: &str,
    key: &IdempotencyKey,
    if_match_version: Option<u64>,
    body: Option<&B>,
) -> Result<T, ApiError> {
    let response = send_raw(method, path, key, if_match_version, body).await?;
    decode(response).await
}

/// Like [`send`] for responses without a body (204).
pub async fn send_no_content<B: Serialize>(
    method: gloo_net::http::Method,
    path: &str,
    key: &IdempotencyKey,
    body: Option<&B>,
) -> Result<(), ApiError> {
    let response = send_raw(method, path, key, None, body).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(problem(response).await)
    }
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

async fn read_json<T: DeserializeOwned>(
    response: Result<Response, gloo_net::Error>,
) -> Result<T, ApiError> {
    decode(response.map_err(|_| ApiError::Network)?).await
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
