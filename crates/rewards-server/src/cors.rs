//! CORS for the SPA served from another origin than the API (`apiBase` in its
//! `config.json` is an absolute URL, e.g. a static build on a CDN): only the
//! exact origins of `--cors-origins`, with credentials, since the standalone
//! session travels in a cookie. Without origins there is no layer and no CORS
//! header at all.

use axum::http::{header, HeaderName, HeaderValue, Method};
use rewards_core::api::IDEMPOTENCY_KEY_HEADER;
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// How long a browser may reuse a preflight answer.
pub const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);

/// The layer for `origins` (already checked by [`crate::config`]); `None` when empty.
pub fn layer(origins: &[String]) -> Option<CorsLayer> {
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    if origins.is_empty() {
        return None;
    }
    Some(
        CorsLayer::new()
            // Each answer names the request's own origin when listed (and `Vary: Origin`).
            .allow_origin(AllowOrigin::list(origins))
            .allow_credentials(true)
            .allow_methods([
                Method::GET,
                Method::HEAD,
                Method::POST,
                Method::PUT,
                Method::PATCH,
                Method::DELETE,
            ])
            .allow_headers([
                header::ACCEPT,
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                header::IF_MATCH,
                HeaderName::from_bytes(IDEMPOTENCY_KEY_HEADER.as_bytes())
                    .expect("a valid header name"),
            ])
            // What the SPA (or another client) reads from an answer.
            .expose_headers([header::ETAG, header::LOCATION, header::RETRY_AFTER])
            .max_age(PREFLIGHT_MAX_AGE),
    )
}
