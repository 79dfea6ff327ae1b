//! Low-level requests: base URL, headers, credentials, the retry policy and
//! problem decoding.
//!
//! Every request goes through [`execute`]: reads and keyed writes are retried
//! on transient failures (network, timeout, 429/502/503/504) with full-jitter
//! backoff or the server's `Retry-After`, at most
//! [`MAX_ATTEMPTS`](rewards_core::retry::MAX_ATTEMPTS) times, always with the
//! same `Idempotency-Key`. While the browser is offline, reads wait for the
//! connection to return; writes report [`ApiError::Offline`] at once so the
//! user decides when to send again.

use gloo_net::http::{Method, Request, RequestBuilder, Response};
use rewards_core::api::{ProblemDetails, API_PREFIX, IDEMPOTENCY_KEY_HEADER};
use rewards_core::retry::RequestKind;
use serde::de::DeserializeOwned;
use serde::Serialize;

use std::cell::RefCell;

mod retrying;

use super::{auth, ApiError, IdempotencyKey};
use retrying::{execute, execute_after};

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

/// One request as the caller meant it, sent as often as the policy allows.
struct Call<'a> {
    method: Method,
    path: &'a str,
    key: Option<&'a IdempotencyKey>,
    if_match_version: Option<u64>,
    /// Serialized once, so every attempt sends the same bytes.
    body: Option<String>,
    /// Whether a 429 is waited out and sent again. Not for a refusal the user must see
    /// (sign-in: each attempt while refused would count as another failed one).
    retry_when_busy: bool,
}

impl Call<'_> {
    fn kind(&self) -> RequestKind {
        match (&self.method, self.key) {
            (&Method::GET, _) => RequestKind::Read,
            (_, Some(_)) => RequestKind::IdempotentWrite,
            (_, None) => RequestKind::Write,
        }
    }

    /// Adds what every request carries. Standalone, the session travels in an
    /// HttpOnly cookie; embedded, the host's bearer token (memory only) is added.
    /// Credentials go along to an `apiBase` on another origin too (the API must
    /// allow this origin with CORS credentials); on the same origin `include`
    /// sends exactly what the default `same-origin` does.
    // Fails only with the small `Network` variant; boxing ApiError's problem
    // details would ripple into every caller for no gain.
    #[allow(clippy::result_large_err)]
    fn build(&self, signal: Option<&web_sys::AbortSignal>) -> Result<Request, ApiError> {
        let mut builder = RequestBuilder::new(&url(self.path))
            .method(self.method.clone())
            .credentials(web_sys::RequestCredentials::Include)
            .header("Accept", "application/json")
            .abort_signal(signal);
        if let Some(token) = auth::bearer_token() {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        if let Some(key) = self.key {
            builder = builder.header(IDEMPOTENCY_KEY_HEADER, key.as_str());
        }
        if let Some(version) = self.if_match_version {
            builder = builder.header("If-Match", &if_match(version));
        }
        match &self.body {
            Some(json) => builder
                .header("Content-Type", "application/json")
                .body(json.as_str()),
            None => builder.build(),
        }
        .map_err(|_| ApiError::Network)
    }
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    get_or_early(path, None).await
}

/// Like [`get`], where index.html's request for the same URL (`early`, see [`super::early`])
/// counts as the first attempt: its answer is used, or retried under the usual policy.
pub async fn get_or_early<T: DeserializeOwned>(
    path: &str,
    early: Option<super::early::Pending>,
) -> Result<T, ApiError> {
    let call = Call {
        method: Method::GET,
        path,
        key: None,
        if_match_version: None,
        body: None,
        retry_when_busy: true,
    };
    let first = super::early::response(early)
        .await
        .filter(|response| Some(response.url()) == absolute_url(path));
    decode(execute_after(&call, first).await?).await
}

/// [`url`] resolved against the document, as `fetch` resolves it.
fn absolute_url(path: &str) -> Option<String> {
    let base = web_sys::window()?.document()?.base_uri().ok()??;
    Some(web_sys::Url::new_with_base(&url(path), &base).ok()?.href())
}

/// A mutation: always with an idempotency key, optionally with `If-Match` and a JSON body.
pub async fn send<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    key: &IdempotencyKey,
    if_match_version: Option<u64>,
    body: Option<&B>,
) -> Result<T, ApiError> {
    let call = write_call(method, path, key, if_match_version, body)?;
    decode(execute(&call).await?).await
}

/// Like [`send`], but a 429 is the answer (with its wait in [`ApiError::Busy`]), not a
/// reason to send again: for refusals the user has to see, such as too many sign-in attempts.
pub async fn send_once_when_busy<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    key: &IdempotencyKey,
    body: Option<&B>,
) -> Result<T, ApiError> {
    let call = Call {
        retry_when_busy: false,
        ..write_call(method, path, key, None, body)?
    };
    decode(execute(&call).await?).await
}

/// Like [`send`] for responses without a body (204).
pub async fn send_no_content<B: Serialize>(
    method: Method,
    path: &str,
    key: &IdempotencyKey,
    body: Option<&B>,
) -> Result<(), ApiError> {
    let call = write_call(method, path, key, None, body)?;
    let response = execute(&call).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(problem(response).await)
    }
}

// Fails only with the small `Network` variant (see `Call::build`).
#[allow(clippy::result_large_err)]
fn write_call<'a, B: Serialize>(
    method: Method,
    path: &'a str,
    key: &'a IdempotencyKey,
    if_match_version: Option<u64>,
    body: Option<&B>,
) -> Result<Call<'a>, ApiError> {
    let body = body
        .map(serde_json::to_string)
        .transpose()
        .map_err(|_| ApiError::Network)?;
    Ok(Call {
        method,
        path,
        key: Some(key),
        if_match_version,
        body,
        retry_when_busy: true,
    })
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if !response.ok() {
        return Err(problem(response).await);
    }
    let status = response.status();
    let raw: web_sys::Response = response.into();
    let parsed = match raw.json() {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    parsed
        .and_then(|value| serde_wasm_bindgen::from_value::<T>(value).ok())
        .ok_or(ApiError::Unexpected { status })
}

async fn problem(response: Response) -> ApiError {
    let status = response.status();
    match response.json::<ProblemDetails>().await {
        Ok(problem) => ApiError::Problem(problem),
        Err(_) => ApiError::Unexpected { status },
    }
}
