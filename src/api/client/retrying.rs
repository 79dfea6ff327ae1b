//! The retry policy carried out: one attempt with a deadline, a second send after a renewed
//! token, transient failures retried with backoff or `Retry-After`, and the error to report when
//! the policy gives up (see the parent module's documentation).

use gloo_net::http::Response;
use rewards_core::api::ProblemDetails;
use rewards_core::retry::{self, Decision, Failure, RequestKind};

use super::Call;
use crate::api::connectivity::{self, Deadline};
use crate::api::{auth, ApiError};

/// Sends `call` under the retry policy. `Ok` holds the final response, which
/// may still be an error status that is not worth repeating (4xx, 500).
pub(super) async fn execute(call: &Call<'_>) -> Result<Response, ApiError> {
    execute_after(call, None).await
}

/// [`execute`], where `first` (when given) is the answer to the first attempt.
pub(super) async fn execute_after(
    call: &Call<'_>,
    mut first: Option<Response>,
) -> Result<Response, ApiError> {
    let kind = call.kind();
    let mut attempt = 1;
    loop {
        if first.is_none() && !connectivity::is_online() {
            match kind {
                RequestKind::Read => {
                    connectivity::until_online().await;
                    continue;
                }
                _ => return Err(ApiError::Offline),
            }
        }
        let outcome = match first.take() {
            Some(response) => Ok(response),
            None => send_once_more_on_401(call).await,
        };
        let (failure, retry_after_ms) = match &outcome {
            Ok(response) if response.status() == 429 && !call.retry_when_busy => {
                let wait = retry_after_ms(response);
                return Err(give_up(outcome, wait).await);
            }
            Ok(response) if Failure::Status(response.status()).is_transient() => {
                (Failure::Status(response.status()), retry_after_ms(response))
            }
            Ok(_) => return outcome,
            // The connection dropped because the browser went offline.
            Err(ApiError::Network) if !connectivity::is_online() => continue,
            Err(ApiError::Network) => (Failure::Network, None),
            Err(ApiError::Timeout) => (Failure::Timeout, None),
            Err(_) => return outcome,
        };
        match retry::decide(
            kind,
            attempt,
            failure,
            retry_after_ms,
            js_sys::Math::random(),
        ) {
            Decision::RetryAfterMs(wait) => {
                connectivity::sleep(wait).await;
                attempt += 1;
            }
            Decision::GiveUp => return Err(give_up(outcome, retry_after_ms).await),
        }
    }
}

/// On a 401 with a host that can refresh the token, the request is repeated
/// once with the same idempotency key, so the server applies it at most once.
/// A 401 for a token that another request has already had renewed is repeated with the
/// new token straight away, without asking the host again.
async fn send_once_more_on_401(call: &Call<'_>) -> Result<Response, ApiError> {
    let sent_with = auth::bearer_token();
    let response = send_with_deadline(call).await?;
    if response.status() == 401 {
        let current = auth::bearer_token();
        let renewed_meanwhile = current.is_some() && current != sent_with;
        if renewed_meanwhile || auth::refresh_token().await {
            return send_with_deadline(call).await;
        }
    }
    Ok(response)
}

/// One attempt, abandoned after [`retry::REQUEST_TIMEOUT_MS`].
async fn send_with_deadline(call: &Call<'_>) -> Result<Response, ApiError> {
    let controller = web_sys::AbortController::new().ok();
    let deadline = controller
        .clone()
        .and_then(|c| Deadline::new(retry::REQUEST_TIMEOUT_MS, c));
    let signal = controller.as_ref().map(web_sys::AbortController::signal);
    let request = call.build(signal.as_ref())?;
    request.send().await.map_err(|_| {
        if deadline.as_ref().is_some_and(Deadline::expired) {
            ApiError::Timeout
        } else {
            ApiError::Network
        }
    })
}

/// `Retry-After` of a response, in milliseconds from now.
fn retry_after_ms(response: &Response) -> Option<u32> {
    let value = response.headers().get("Retry-After")?;
    retry::parse_retry_after_ms(&value, js_sys::Date::now())
}

/// The error to report once the policy stops retrying.
async fn give_up(outcome: Result<Response, ApiError>, retry_after_ms: Option<u32>) -> ApiError {
    match outcome {
        Ok(response) => {
            let status = response.status();
            let problem = response.json::<ProblemDetails>().await.ok();
            ApiError::Busy {
                status,
                retry_after_seconds: retry_after_ms.map(retry::seconds_to_wait),
                problem,
            }
        }
        Err(ApiError::Network) if !connectivity::is_online() => ApiError::Offline,
        Err(error) => error,
    }
}
