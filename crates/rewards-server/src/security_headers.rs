//! Security headers on every response, and the Content-Security-Policy
//! computed at start-up from `dist/index.html` (hashes of inline scripts) and
//! `dist/config.json` (an API on another origin). scripts/host-config.mjs
//! writes the same policy for static hosts; tests/e2e checks they agree.

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// The headers added to every response.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    pub csp: HeaderValue,
}

impl SecurityHeaders {
    pub fn new(
        index_html: Option<&str>,
        runtime_config: Option<&str>,
        frame_ancestors: &str,
    ) -> SecurityHeaders {
        let api_origin = runtime_config.and_then(api_origin);
        let csp = content_security_policy(index_html, api_origin.as_deref(), frame_ancestors);
        SecurityHeaders {
            csp: HeaderValue::from_str(&csp).unwrap_or_else(|_| {
                HeaderValue::from_static("default-src 'self'; frame-ancestors 'self'")
            }),
        }
    }
}

/// `'sha256-…'` sources for every inline `<script>` (one without `src`).
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut pos = 0;
    while let Some(start) = lower[pos..].find("<script") {
        let tag_start = pos + start;
        let Some(tag_end) = lower[tag_start..].find('>').map(|i| tag_start + i) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|i| tag_end + i) else {
            break;
        };
        let attrs = &lower[tag_start + 7..tag_end];
        let has_src = attrs
            .split(|c: char| c.is_whitespace())
            .any(|a| a.starts_with("src=") || a == "src");
        let content = &html[tag_end + 1..close];
        if !has_src && !content.is_empty() {
            let digest = Sha256::digest(content.as_bytes());
            hashes.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        pos = close + 8;
    }
    hashes
}

/// The origin of `apiBase` in config.json when it is an absolute URL.
pub fn api_origin(runtime_config: &str) -> Option<String> {
    let config = rewards_core::embed::RuntimeConfig::parse(runtime_config).ok()?;
    let (scheme, rest) = config.api_base.split_once("://")?;
    let host = rest.split('/').next()?;
    let origin = format!("{scheme}://{host}");
    rewards_core::embed::is_exact_origin(&origin).then_some(origin)
}

pub fn content_security_policy(
    index_html: Option<&str>,
    api_origin: Option<&str>,
    frame_ancestors: &str,
) -> String {
    let mut script_src = vec!["'self'".to_string(), "'wasm-unsafe-eval'".to_string()];
    if let Some(html) = index_html {
        script_src.extend(inline_script_hashes(html));
    }
    let connect_src = match api_origin {
        Some(origin) => format!("'self' {origin}"),
        None => "'self'".to_string(),
    };
    format!(
        "default-src 'self'; script-src {}; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src {connect_src}; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors {}",
        script_src.join(" "),
        frame_ancestors
    )
}

pub async fn middleware(
    State(headers): State<Arc<SecurityHeaders>>,
    req: Request,
    next: Next,
) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, headers.csp.clone());
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    );
    // Deliberately no X-Frame-Options, Cross-Origin-Opener-Policy or
    // Cross-Origin-Resource-Policy: the portal is framed by allowed hosts and
    // CSP frame-ancestors alone governs who may frame it.
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = r#"<html><head><script type="module">import init from '/a.js';init();</script>
<script src="/b.js"></script><SCRIPT>x()</SCRIPT></head></html>"#;
        let h = inline_script_hashes(html);
        assert_eq!(h.len(), 2);
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import init from '/a.js';init();"));
        assert_eq!(h[0], format!("'sha256-{expected}'"));
        let csp = content_security_policy(Some(html), None, "'self' https://host.example");
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
        assert!(csp.contains("connect-src 'self';"));
        assert!(csp.ends_with("frame-ancestors 'self' https://host.example"));
    }

    #[test]
    fn an_api_on_another_origin_may_be_connected_to() {
        let config = r#"{"apiBase": "https://api.example.com:8443/v1"}"#;
        assert_eq!(
            api_origin(config).as_deref(),
            Some("https://api.example.com:8443")
        );
        assert_eq!(api_origin(r#"{"apiBase": "/api/v1"}"#), None);
        assert_eq!(api_origin("not json"), None);
        let csp = content_security_policy(None, api_origin(config).as_deref(), "'self'");
        assert!(csp.contains("connect-src 'self' https://api.example.com:8443;"));
    }
}
