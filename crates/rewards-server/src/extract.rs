//! Extractors whose rejections are problem documents (never a 500, never
//! axum's plain-text rejections).

use crate::problem::{ApiResult, Problem};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use rewards_core::api::problem_codes as codes;
use rewards_core::validate::{ErrorCode, FieldError};
use serde::de::DeserializeOwned;

/// Largest accepted request body.
pub const BODY_LIMIT: usize = 64 * 1024;

pub fn too_large() -> Problem {
    Problem::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        codes::BODY_TOO_LARGE,
        "Payload too large",
        format!("Request bodies are limited to {BODY_LIMIT} bytes."),
    )
}

/// A JSON body: requires `Content-Type: application/json`, at most
/// [`BODY_LIMIT`] bytes, and maps serde errors to problems with the failing
/// field (`required` for a missing field, `value_not_allowed` for a wrong
/// type or unknown enum value).
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| {
            let m = m.trim().to_ascii_lowercase();
            m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
        })
        .unwrap_or(false)
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> ApiResult<T> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => Ok(v),
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            match inner.classify() {
                serde_json::error::Category::Data => {
                    let message = inner.to_string();
                    let (field, code) = if let Some(rest) = message.strip_prefix("missing field `")
                    {
                        let name = rest.split('`').next().unwrap_or_default();
                        let field = if path == "." || path.is_empty() {
                            name.to_string()
                        } else {
                            format!("{path}.{name}")
                        };
                        (field, ErrorCode::Required)
                    } else {
                        (
                            if path == "." { String::new() } else { path },
                            ErrorCode::ValueNotAllowed,
                        )
                    };
                    Err(Problem::bad_request(
                        codes::INVALID_BODY,
                        "The JSON body does not have the expected shape.",
                    )
                    .with_errors(vec![FieldError::new(field, code)]))
                }
                _ => Err(Problem::bad_request(
                    codes::BAD_JSON,
                    "The request body is not valid JSON.",
                )),
            }
        }
    }
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Problem> {
        if !is_json(req.headers()) {
            return Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                codes::UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type",
                "Send the body as `Content-Type: application/json`.",
            ));
        }
        let bytes = axum::body::to_bytes(req.into_body(), BODY_LIMIT)
            .await
            .map_err(|_| too_large())?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// One path segment parameter (ids, domains): 1 to 253 characters, no
/// control characters.
#[derive(Debug, Clone)]
pub struct PathId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        let axum::extract::Path(value) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|_| {
                    Problem::bad_request(codes::INVALID_PATH, "Invalid path parameter.")
                })?;
        if value.is_empty() || value.chars().count() > 253 || value.chars().any(char::is_control) {
            return Err(Problem::bad_request(
                codes::INVALID_PATH,
                "Invalid path parameter.",
            ));
        }
        Ok(PathId(value))
    }
}

/// The raw query string parsed as `key=value` pairs (no serde rejection).
#[derive(Debug, Clone, Default)]
pub struct RawQuery(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for RawQuery {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Problem> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded::from_str::<Vec<(String, String)>>(query)
            .map(RawQuery)
            .map_err(|_| {
                Problem::bad_request(codes::INVALID_QUERY, "The query string is malformed.")
            })
    }
}

impl RawQuery {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Parses `name` as a snake_case enum value; an unknown (or empty) value
    /// is a 400 problem naming the parameter.
    pub fn enum_param<T: DeserializeOwned>(&self, name: &str) -> ApiResult<Option<T>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => serde_json::from_value(serde_json::Value::String(v.to_string()))
                .map(Some)
                .map_err(|_| {
                    Problem::bad_request(
                        codes::INVALID_QUERY,
                        format!("Unknown value for query parameter `{name}`."),
                    )
                    .with_errors(vec![FieldError::new(name, ErrorCode::ValueNotAllowed)])
                }),
        }
    }
}

/// The version from `If-Match: "<n>"` (428 when missing, 412 when not a
/// version of ours).
pub fn if_match_version(headers: &HeaderMap) -> ApiResult<u64> {
    let Some(value) = headers.get(header::IF_MATCH) else {
        return Err(Problem::precondition_required(
            codes::IF_MATCH_REQUIRED,
            "Send `If-Match` with the collection's ETag to avoid overwriting someone else's change.",
        ));
    };
    let value = value.to_str().unwrap_or_default().trim();
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .and_then(|v| v.parse::<u64>().ok())
        .ok_or_else(|| {
            Problem::precondition_failed("The If-Match value does not match the current version.")
        })
}

/// Checks `If-Match` against the current version.
pub fn check_version(headers: &HeaderMap, current: u64) -> ApiResult<()> {
    let wanted = if_match_version(headers)?;
    if wanted == current {
        Ok(())
    } else {
        Err(Problem::precondition_failed(
            "Someone else changed this list since you loaded it. Reload and try again.",
        ))
    }
}

pub fn etag(version: u64) -> header::HeaderValue {
    header::HeaderValue::from_str(&format!("\"{version}\"")).expect("ascii etag")
}

/// Rewrites axum's bare 405 for API paths into a problem document.
pub async fn method_not_allowed_as_problem(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let is_api = req.uri().path().starts_with("/api/");
    let response = next.run(req).await;
    if is_api
        && response.status() == StatusCode::METHOD_NOT_ALLOWED
        && response.headers().get(header::CONTENT_TYPE).is_none()
    {
        let allow = response.headers().get(header::ALLOW).cloned();
        let mut p = Problem::new(
            StatusCode::METHOD_NOT_ALLOWED,
            codes::METHOD_NOT_ALLOWED,
            "Method not allowed",
            "This resource does not support the request method.",
        );
        if let Some(allow) = allow {
            p = p.with_header(header::ALLOW, allow);
        }
        return p.into_response();
    }
    response
}
