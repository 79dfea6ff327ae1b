//! `Idempotency-Key` handling for every mutating `/api` request.
//!
//! * Only documented operations are checked (an unrouted method stays 405),
//!   and authentication comes first: a mutation without a live session
//!   (bearer or cookie) goes straight to its handler, which answers 401.
//! * Missing key → `428 idempotency_key_required`; malformed → `400`.
//! * The key is scoped per signed-in user.
//! * Fingerprint = SHA-256 over method, path and the canonical JSON body
//!   with secret members (`password`, …) removed, so no secret ever reaches
//!   the database, not even hashed. A body that is not JSON is not recorded
//!   at all (it is rejected by the handler anyway).
//! * A successful (2xx) response is stored and replayed for a repeat with
//!   the same fingerprint, with `Idempotent-Replayed: true`; the same key
//!   with a different fingerprint → `422 idempotency_key_reused`; while the
//!   first request is still running, a duplicate waits for its answer
//!   (polling with a short, bounded backoff) and replays it, or gets
//!   `409 idempotency_request_in_progress` with `Retry-After` when it does
//!   not finish in time — never a 5xx. Failed requests leave no record, so
//!   the client can correct and retry with the same key.
//! * The key is claimed with one conditional insert
//!   (`INSERT … ON CONFLICT DO NOTHING`), so of two parallel requests (in
//!   any instance sharing the database) exactly one runs. The claim carries
//!   the instance id and a lease ([`LEASE_SECONDS`]); a claim whose lease has
//!   expired (its instance stopped before answering) may be taken over, and
//!   a starting instance removes only expired claims, never a live
//!   instance's.
//! * Claim, request and recording run in their own task: when the client
//!   goes away (timeout, reset) they still finish and the answer is recorded,
//!   so the retry is replayed instead of applied twice.
//! * `POST /api/v1/session` (sign-in) is not recorded: its response holds a
//!   bearer token. The key is still required.

use crate::auth;
use crate::clock;
use crate::extract::{too_large, BODY_LIMIT};
use crate::problem::Problem;
use crate::sql::OptionalExtension;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rewards_core::api::{problem_codes as codes, IDEMPOTENCY_KEY_HEADER};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Records older than this are purged.
pub const RETENTION_SECONDS: i64 = 24 * 60 * 60;

/// How long a claim on a key stays with its instance while the request runs.
pub const LEASE_SECONDS: i64 = 120;

/// How long a duplicate waits for the first request's answer before `409`.
pub const IN_FLIGHT_WAIT: Duration = Duration::from_secs(3);

/// JSON members never hashed or stored.
pub const SECRET_FIELDS: &[&str] = &["password", "current_password", "new_password", "token"];

/// Response headers kept with a stored response.
const REPLAYED_HEADERS: &[HeaderName] = &[header::CONTENT_TYPE, header::ETAG, header::LOCATION];

fn is_mutating(method: &Method) -> bool {
    matches!(
        *method,
        Method::POST | Method::PUT | Method::DELETE | Method::PATCH
    )
}

/// Removes secret members at any depth.
pub fn strip_secrets(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, _| !SECRET_FIELDS.iter().any(|s| k.eq_ignore_ascii_case(s)));
            map.values_mut().for_each(strip_secrets);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_secrets),
        _ => {}
    }
}

/// Fingerprint of a request; `None` when the body is neither empty nor JSON.
pub fn fingerprint(method: &Method, path: &str, body: &[u8]) -> Option<String> {
    let canonical = if body.iter().all(u8::is_ascii_whitespace) {
        String::new()
    } else {
        let mut value: Value = serde_json::from_slice(body).ok()?;
        strip_secrets(&mut value);
        // serde_json's map is ordered by key, so this is canonical.
        serde_json::to_string(&value).ok()?
    };
    let mut h = Sha256::new();
    h.update(method.as_str().as_bytes());
    h.update(b"\n");
    h.update(path.as_bytes());
    h.update(b"\n");
    h.update(canonical.as_bytes());
    Some(hex::encode(h.finalize()))
}

fn valid_key(key: &str) -> bool {
    (1..=255).contains(&key.len()) && key.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// fingerprint, status (NULL while in flight), headers JSON, body.
type StoredRow = (String, Option<u16>, Option<String>, Option<Vec<u8>>);

enum Lookup {
    Fresh,
    Replay(u16, HeaderMap, Vec<u8>),
    Mismatch,
    InFlight,
}

/// Whether `method` is a documented API operation on the matched route
/// template, so that an unrouted method gets its 405 rather than a 428.
fn is_operation(method: &Method, matched: Option<&MatchedPath>) -> bool {
    static OPERATIONS: OnceLock<HashSet<(String, String)>> = OnceLock::new();
    let operations = OPERATIONS.get_or_init(|| {
        let doc = serde_json::to_value(crate::openapi::document()).unwrap_or_default();
        let paths = doc["paths"].as_object().cloned().unwrap_or_default();
        paths
            .into_iter()
            .flat_map(|(path, item)| {
                let methods: Vec<String> = item
                    .as_object()
                    .map(|ops| ops.keys().map(|m| m.to_ascii_uppercase()).collect())
                    .unwrap_or_default();
                methods.into_iter().map(move |m| (m, path.clone()))
            })
            .collect()
    });
    matched.is_some_and(|path| {
        operations.contains(&(method.as_str().to_string(), path.as_str().to_string()))
    })
}

/// The `Idempotency-Key` of a request: 428 when missing, 400 when malformed.
fn request_key(headers: &HeaderMap) -> Result<String, Problem> {
    match headers.get(IDEMPOTENCY_KEY_HEADER) {
        None => Err(Problem::precondition_required(
            codes::IDEMPOTENCY_KEY_REQUIRED,
            "Every POST, PUT and DELETE needs an `Idempotency-Key` header (for example a UUID).",
        )),
        Some(v) => match v.to_str() {
            Ok(k) if valid_key(k) => Ok(k.to_string()),
            _ => Err(Problem::bad_request(
                codes::IDEMPOTENCY_KEY_INVALID,
                "`Idempotency-Key` must be 1 to 255 visible ASCII characters.",
            )),
        },
    }
}

/// The user of the live session a request carries (bearer or cookie), if any.
async fn session_scope(state: &AppState, headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(hash) = auth::bearer(headers)
        .or_else(|| auth::cookie_token(headers))
        .map(auth::token_hash)
    else {
        return Ok(None);
    };
    state
        .db
        .call(move |conn| Ok(auth::session_user(conn, &hash, clock::now_unix())?))
        .await
}

/// Removes in-flight claims whose lease has expired (their instance stopped
/// before answering), and records older than [`RETENTION_SECONDS`]. Claims of
/// live instances are left alone.
pub fn remove_expired_claims(conn: &crate::sql::Conn, now: i64) -> crate::sql::Result<usize> {
    let expired = conn.execute(
        "DELETE FROM idempotency_keys
          WHERE status IS NULL AND COALESCE(lease_expires_at, 0) < ?1",
        [now],
    )?;
    let old = conn.execute(
        "DELETE FROM idempotency_keys WHERE created_at < ?1",
        [now - RETENTION_SECONDS],
    )?;
    Ok(expired + old)
}

/// One attempt to claim `key`: a conditional insert; failing that, a
/// take-over of an abandoned claim (expired lease); failing that, what the
/// stored record says.
fn claim(
    conn: &crate::sql::Conn,
    owner: &str,
    scope: &str,
    key: &str,
    fp: &str,
    now: i64,
) -> crate::sql::Result<Lookup> {
    conn.execute(
        "DELETE FROM idempotency_keys WHERE created_at < ?1 AND status IS NOT NULL",
        [now - RETENTION_SECONDS],
    )?;
    let lease = now + LEASE_SECONDS;
    let inserted = conn.execute(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, created_at, owner, lease_expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (scope, key) DO NOTHING",
        crate::params![scope, key, fp, now, owner, lease],
    )?;
    if inserted == 1 {
        return Ok(Lookup::Fresh);
    }
    let taken_over = conn.execute(
        "UPDATE idempotency_keys SET owner = ?4, lease_expires_at = ?5, created_at = ?6
          WHERE scope = ?1 AND key = ?2 AND fingerprint = ?3
            AND status IS NULL AND COALESCE(lease_expires_at, 0) < ?6",
        crate::params![scope, key, fp, owner, lease, now],
    )?;
    if taken_over == 1 {
        return Ok(Lookup::Fresh);
    }
    let row: Option<StoredRow> = conn
        .query_row(
            "SELECT fingerprint, status, headers, body FROM idempotency_keys WHERE scope = ?1 AND key = ?2",
            [scope, key],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(match row {
        // The first request failed and gave its claim up meanwhile: try again.
        None => Lookup::InFlight,
        Some((stored, _, _, _)) if stored != fp => Lookup::Mismatch,
        Some((_, None, _, _)) => Lookup::InFlight,
        Some((_, Some(status), headers, body)) => {
            let mut map = HeaderMap::new();
            let stored: Vec<(String, String)> = headers
                .and_then(|h| serde_json::from_str(&h).ok())
                .unwrap_or_default();
            for (k, v) in stored {
                if let (Ok(k), Ok(v)) = (HeaderName::try_from(k), HeaderValue::try_from(v)) {
                    map.insert(k, v);
                }
            }
            Lookup::Replay(status, map, body.unwrap_or_default())
        }
    })
}

/// Claims `key`, or waits (polling with a short, bounded backoff) while
/// another request holds it, for at most [`IN_FLIGHT_WAIT`].
async fn claim_or_wait(
    state: &AppState,
    scope: &str,
    key: &str,
    fp: &str,
) -> Result<Lookup, Problem> {
    let deadline = Instant::now() + IN_FLIGHT_WAIT;
    let mut delay = Duration::from_millis(10);
    loop {
        let (owner, scope2, key2, fp2) = (
            state.instance.clone(),
            scope.to_string(),
            key.to_string(),
            fp.to_string(),
        );
        let lookup = state
            .db
            .call(move |conn| {
                Ok(claim(
                    conn,
                    &owner,
                    &scope2,
                    &key2,
                    &fp2,
                    clock::now_unix(),
                )?)
            })
            .await?;
        if !matches!(lookup, Lookup::InFlight) || Instant::now() + delay > deadline {
            return Ok(lookup);
        }
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_millis(200));
    }
}

pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if !is_mutating(req.method()) || !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    if !is_operation(req.method(), req.extensions().get::<MatchedPath>()) {
        return next.run(req).await;
    }
    let sign_in = req.method() == Method::POST && req.uri().path() == "/api/v1/session";
    // Authentication comes first: without a live session the handler answers
    // 401 (nothing can change), whatever the key.
    let scope = if sign_in {
        None
    } else {
        match session_scope(&state, req.headers()).await {
            Ok(Some(user)) => Some(user),
            Ok(None) => return next.run(req).await,
            Err(p) => return p.into_response(),
        }
    };
    let key = match request_key(req.headers()) {
        Ok(key) => key,
        Err(p) => return p.into_response(),
    };
    // Sign-in is not recorded: its response holds a bearer token.
    let Some(scope) = scope else {
        return next.run(req).await;
    };
    let (parts, body) = req.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => return too_large().into_response(),
    };
    let fp = fingerprint(&parts.method, parts.uri.path(), &bytes);
    let req = Request::from_parts(parts, Body::from(bytes));
    let Some(fp) = fp else {
        return next.run(req).await;
    };
    // The claim, the request and the recording of its answer run in their
    // own task: when the client goes away (timeout, reset) they still finish,
    // so the retry is replayed instead of applied twice, and no claim is left
    // behind half-way.
    tokio::spawn(claim_and_run(state, scope, key, fp, next, req))
        .await
        .unwrap_or_else(|err| {
            tracing::error!(error = %err, "request task failed");
            Problem::internal().into_response()
        })
}

async fn claim_and_run(
    state: AppState,
    scope: String,
    key: String,
    fp: String,
    next: Next,
    req: Request,
) -> Response {
    let lookup = match claim_or_wait(&state, &scope, &key, &fp).await {
        Ok(v) => v,
        Err(p) => return p.into_response(),
    };
    match lookup {
        Lookup::Mismatch => Problem::unprocessable(
            codes::IDEMPOTENCY_KEY_REUSED,
            "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
        )
        .into_response(),
        Lookup::InFlight => Problem::conflict(
            codes::IDEMPOTENCY_IN_PROGRESS,
            "A request with this Idempotency-Key is still being processed.",
        )
        .with_header(header::RETRY_AFTER, HeaderValue::from_static("1"))
        .into_response(),
        Lookup::Replay(status, headers, body) => {
            let mut response = Response::new(Body::from(body));
            *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            *response.headers_mut() = headers;
            response.headers_mut().insert(
                HeaderName::from_static("idempotent-replayed"),
                HeaderValue::from_static("true"),
            );
            response
        }
        Lookup::Fresh => run_and_record(state, scope, key, next, req).await,
    }
}

/// Runs the claimed request and records its answer (2xx) or gives the claim
/// up (anything else), as long as this instance still holds it.
async fn run_and_record(
    state: AppState,
    scope: String,
    key: String,
    next: Next,
    req: Request,
) -> Response {
    let response = next.run(req).await;
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let status = parts.status;
    let headers: Vec<(String, String)> = REPLAYED_HEADERS
        .iter()
        .filter_map(|name| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| (name.as_str().to_string(), v.to_string()))
        })
        .collect();
    let stored_body = bytes.to_vec();
    let owner = state.instance.clone();
    let result = state
        .db
        .call(move |conn| {
            // Only while this instance still holds the claim.
            if status.is_success() {
                conn.execute(
                    "UPDATE idempotency_keys
                        SET status = ?3, headers = ?4, body = ?5, owner = NULL, lease_expires_at = NULL
                      WHERE scope = ?1 AND key = ?2 AND owner = ?6 AND status IS NULL",
                    crate::params![
                        scope,
                        key,
                        status.as_u16(),
                        serde_json::to_string(&headers).unwrap_or_default(),
                        stored_body,
                        &*owner
                    ],
                )?;
            } else {
                conn.execute(
                    "DELETE FROM idempotency_keys
                      WHERE scope = ?1 AND key = ?2 AND owner = ?3 AND status IS NULL",
                    crate::params![scope, key, &*owner],
                )?;
            }
            Ok(())
        })
        .await;
    if let Err(p) = result {
        return p.into_response();
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_do_not_change_the_fingerprint() {
        let a = fingerprint(
            &Method::POST,
            "/x",
            br#"{"domain":"a","username":"u","password":"p1"}"#,
        );
        let b = fingerprint(
            &Method::POST,
            "/x",
            br#"{"password":"p2","username":"u","domain":"a"}"#,
        );
        assert_eq!(a, b);
        let c = fingerprint(
            &Method::POST,
            "/x",
            br#"{"domain":"b","username":"u","password":"p1"}"#,
        );
        assert_ne!(a, c);
        assert_ne!(
            a,
            fingerprint(&Method::PUT, "/x", br#"{"domain":"a","username":"u"}"#)
        );
        assert_eq!(fingerprint(&Method::POST, "/x", b"{not json"), None);
        assert!(fingerprint(&Method::POST, "/x", b"").is_some());
    }

    #[test]
    fn keys() {
        assert!(valid_key("3f1c-aa"));
        assert!(!valid_key(""));
        assert!(!valid_key("has space"));
        assert!(!valid_key(&"x".repeat(256)));
    }
}
