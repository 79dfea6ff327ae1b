//! Serves the SPA build: precompressed `.br`/`.gz` siblings when the client
//! accepts them (on-the-fly compression otherwise, by the global layer),
//! long-lived caching for hashed file names, `no-cache` for the rest, and
//! the SPA fallback to `index.html` for HTML navigations.

use crate::problem::Problem;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use rewards_core::api::problem_codes as codes;
use std::path::PathBuf;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const NO_CACHE: &str = "no-cache";

#[derive(Clone)]
pub struct StaticFiles {
    pub dist: PathBuf,
    /// `/` or `/portal/rewards/`: where the SPA lives on this server.
    pub base_path: String,
    /// `index.html` naming that base (see [`with_base_meta`]); `None` without a build.
    pub index_html: Option<std::sync::Arc<String>>,
}

const BASE_META: &str = "<meta name=\"rewards-base\"";

/// Tells index.html's first script where the app lives, so even unknown deep
/// paths (the not-found page) load their assets from the right place.
/// Replaces a base written earlier by scripts/host-config.mjs.
pub fn with_base_meta(html: &str, base_path: &str) -> String {
    let mut html = html.to_string();
    if let Some(start) = html.find(BASE_META) {
        if let Some(len) = html[start..].find('>') {
            html.replace_range(start..=start + len, "");
        }
    }
    let meta = format!("{BASE_META} content=\"{base_path}\">");
    match html.find("<head>") {
        Some(at) => html.insert_str(at + "<head>".len(), &meta),
        None => html.insert_str(0, &meta),
    }
    html
}

fn index_response(html: &str) -> Response {
    let mut r = (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, NO_CACHE),
        ],
        html.to_string(),
    )
        .into_response();
    add_vary(&mut r);
    r
}

/// Where a request lands relative to the base path.
#[derive(Debug, PartialEq, Eq)]
enum Placement {
    /// Inside: the path within `dist/`.
    Inside(String),
    /// The base without its trailing slash: redirect, so relative URLs resolve.
    BaseWithoutSlash,
    Outside,
}

fn place(path: &str, base_path: &str) -> Placement {
    if let Some(rest) = path.strip_prefix(base_path) {
        return Placement::Inside(format!("/{rest}"));
    }
    if path == base_path.trim_end_matches('/') {
        return Placement::BaseWithoutSlash;
    }
    Placement::Outside
}

/// Whether a file name carries a content hash (Trunk: `name-<16 hex>.ext`,
/// `name-<hash>_bg.wasm`).
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split(['-', '.', '_']).any(|part| {
        part.len() >= 8
            && part.bytes().all(|b| b.is_ascii_hexdigit())
            && part.bytes().any(|b| b.is_ascii_digit())
    })
}

fn accepts_html(req: &Request) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"))
}

fn cache_control(path: &str) -> &'static str {
    if is_hashed(path) {
        IMMUTABLE
    } else {
        NO_CACHE
    }
}

/// Precompressed variants depend on `Accept-Encoding`; say so to caches.
fn add_vary(response: &mut Response) {
    let has = response.headers().get_all(header::VARY).iter().any(|v| {
        v.to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !has {
        response
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
}

/// The router's fallback: unknown `/api` paths are 404 problems; anything
/// else is a static file or the SPA shell.
pub async fn fallback(State(files): State<StaticFiles>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    if path == "/api" || path.starts_with("/api/") {
        return Problem::new(
            StatusCode::NOT_FOUND,
            codes::NOT_FOUND,
            "Not found",
            "There is no API resource at this path.",
        )
        .into_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, "method not allowed").into_response();
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let path = match place(&path, &files.base_path) {
        Placement::Inside(inner) => inner,
        Placement::BaseWithoutSlash => {
            let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
            if let Ok(location) = HeaderValue::from_str(&files.base_path) {
                r.headers_mut().insert(header::LOCATION, location);
            }
            return r;
        }
        Placement::Outside => return StatusCode::NOT_FOUND.into_response(),
    };
    let wants_html = accepts_html(&req);
    if let (Some(index), "/" | "/index.html") = (&files.index_html, path.as_str()) {
        return index_response(index);
    }
    let (mut parts, _) = req.into_parts();
    let query = parts
        .uri
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    if let Ok(uri) = format!("{path}{query}").parse() {
        parts.uri = uri;
    }
    let req_for_dir = Request::from_parts(parts.clone(), Body::empty());
    let serve_dir = ServeDir::new(&files.dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true);
    let response = match serve_dir.oneshot(req_for_dir).await {
        Ok(r) => r.map(Body::new),
        Err(e) => match e {},
    };
    if response.status() == StatusCode::NOT_FOUND && wants_html {
        if let Some(index) = &files.index_html {
            return index_response(index);
        }
        let index = files.dist.join("index.html");
        let mut index_req = Request::from_parts(parts, Body::empty());
        *index_req.uri_mut() = "/index.html".parse().expect("static uri");
        let serve = ServeFile::new(index)
            .precompressed_br()
            .precompressed_gzip();
        let mut r = match serve.oneshot(index_req).await {
            Ok(r) => r.map(Body::new),
            Err(e) => match e {},
        };
        r.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
        add_vary(&mut r);
        return r;
    }
    let mut response = response;
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let cc = if path.ends_with('/') {
            NO_CACHE
        } else {
            cache_control(&path)
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(cc));
    }
    add_vary(&mut response);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_is_named_in_the_page() {
        let html = "<!doctype html><html><head><title>x</title></head></html>";
        let once = with_base_meta(html, "/portal/rewards/");
        assert_eq!(
            once,
            "<!doctype html><html><head><meta name=\"rewards-base\" content=\"/portal/rewards/\"><title>x</title></head></html>"
        );
        assert_eq!(with_base_meta(&once, "/"), with_base_meta(html, "/"));
    }

    #[test]
    fn placement_under_a_base_path() {
        let base = "/portal/rewards/";
        assert_eq!(
            place("/portal/rewards/", base),
            Placement::Inside("/".into())
        );
        assert_eq!(
            place("/portal/rewards/benefits/technical", base),
            Placement::Inside("/benefits/technical".into())
        );
        assert_eq!(place("/portal/rewards", base), Placement::BaseWithoutSlash);
        assert_eq!(place("/portal/rewardsx", base), Placement::Outside);
        assert_eq!(place("/benefits", base), Placement::Outside);
        assert_eq!(
            place("/benefits", "/"),
            Placement::Inside("/benefits".into())
        );
    }

    #[test]
    fn hashed_names() {
        assert!(is_hashed("/rewards-portal-3b1f7a0c2d4e5f60.js"));
        assert!(is_hashed("/rewards-portal-3b1f7a0c2d4e5f60_bg.wasm"));
        assert!(is_hashed("/style-0123abcd89ef4567.css"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/config.json"));
        assert!(!is_hashed("/favicon.ico"));
        assert!(!is_hashed("/deadbeef.txt"));
    }
}
