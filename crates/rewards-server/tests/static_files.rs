//! SPA hosting: compression negotiation, cache headers, SPA fallback and
//! security headers.

mod common;

use axum::body::Body;
use axum::http::Request;
use base64::Engine;
use common::*;
use sha2::{Digest, Sha256};

fn get(path: &str, accept: &str, encoding: Option<&str>) -> Request<Body> {
    let mut b = Request::builder().uri(path).header("accept", accept);
    if let Some(e) = encoding {
        b = b.header("accept-encoding", e);
    }
    b.body(Body::empty()).unwrap()
}

#[track_caller]
fn assert_security_headers(r: &Resp, frame_ancestors: &str) {
    let csp = r.header("content-security-policy").expect("CSP");
    for d in [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(d), "{d} missing in {csp}");
    }
    assert!(
        csp.ends_with(&format!("frame-ancestors {frame_ancestors}")),
        "{csp}"
    );
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
    assert!(r.header("permissions-policy").is_some());
    assert!(
        r.header("x-frame-options").is_none(),
        "must stay frameable by allowed hosts"
    );
    assert!(r.header("cross-origin-opener-policy").is_none());
}

#[tokio::test]
async fn index_and_csp_hashes() {
    let app = TestApp::with_frame_ancestors("'self' https://partner.example");
    let r = app.send(get("/", "text/html", None)).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.text(),
        rewards_server::static_files::with_base_meta(INDEX_HTML, "/")
    );
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    assert_security_headers(&r, "'self' https://partner.example");
    let inline = "import init from '/rewards-portal-3b1f7a0c2d4e5f60.js';init('/rewards-portal-3b1f7a0c2d4e5f60_bg.wasm');";
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(inline.as_bytes()));
    let csp = r.header("content-security-policy").unwrap();
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    // The API carries the same headers.
    let r = app
        .send(get("/api/v1/health", "application/json", None))
        .await;
    assert_security_headers(&r, "'self' https://partner.example");
}

#[tokio::test]
async fn precompressed_brotli_and_immutable_cache() {
    let app = TestApp::new();
    let path = "/rewards-portal-3b1f7a0c2d4e5f60.js";
    let r = app.send(get(path, "*/*", Some("gzip, deflate, br"))).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding"), Some("br"));
    assert_eq!(brotli_decode(&r.body), APP_JS.as_bytes());
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert!(r.header("content-type").unwrap().contains("javascript"));
    assert!(r
        .header("vary")
        .unwrap()
        .to_ascii_lowercase()
        .contains("accept-encoding"));
    assert_security_headers(&r, "'self'");
    // Without Accept-Encoding: identity.
    let r = app.send(get(path, "*/*", None)).await;
    assert!(r.header("content-encoding").is_none());
    assert_eq!(r.text(), APP_JS);
    // gzip only: compressed on the fly.
    let r = app.send(get(path, "*/*", Some("gzip"))).await;
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    let mut out = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&r.body[..]), &mut out)
        .unwrap();
    assert_eq!(out, APP_JS);
}

#[tokio::test]
async fn on_the_fly_brotli_for_files_without_a_precompressed_sibling() {
    let app = TestApp::new();
    let r = app
        .send(get(
            "/style-0123abcd89ef4567.css",
            "text/css,*/*",
            Some("br"),
        ))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding"), Some("br"));
    assert_eq!(
        brotli_decode(&r.body),
        "body{margin:0}".repeat(20).as_bytes()
    );
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    // API JSON is negotiated too.
    let r = app
        .send(get("/api/v1/openapi.json", "application/json", Some("br")))
        .await;
    assert_eq!(r.header("content-encoding"), Some("br"));
    let doc: serde_json::Value = serde_json::from_slice(&brotli_decode(&r.body)).unwrap();
    assert!(doc["paths"].is_object());
}

#[tokio::test]
async fn config_files_are_not_cached() {
    let app = TestApp::new();
    let r = app
        .send(get("/config.json", "application/json", None))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    let r = app.send(get("/index.html", "text/html", None)).await;
    assert_eq!(r.header("cache-control"), Some("no-cache"));
}

#[tokio::test]
async fn spa_fallback() {
    let app = TestApp::new();
    let r = app
        .send(get(
            "/rewards/benefits/ben-001?tab=history",
            "text/html,application/xhtml+xml,*/*;q=0.8",
            Some("br"),
        ))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let body = if r.header("content-encoding") == Some("br") {
        brotli_decode(&r.body)
    } else {
        r.body.clone()
    };
    assert_eq!(
        String::from_utf8(body).unwrap(),
        rewards_server::static_files::with_base_meta(INDEX_HTML, "/")
    );
    assert_security_headers(&r, "'self'");
    // Not HTML: a real 404.
    let r = app
        .send(get("/missing-0123abcd89ef4567.js", "*/*", None))
        .await;
    assert_eq!(r.status, 404);
    // API paths never fall back to the SPA.
    let r = app.send(get("/api/v1/unknown", "text/html", None)).await;
    r.assert_problem(404, "not_found");
    // Non-GET on static paths.
    let req = Request::builder()
        .method("POST")
        .uri("/somewhere")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(req).await.status, 405);
    // Path traversal stays inside dist.
    let r = app.send(get("/../data/rewards.sqlite3", "*/*", None)).await;
    assert_ne!(r.status, 200);
    let r = app
        .send(get("/%2e%2e/data/rewards.sqlite3", "*/*", None))
        .await;
    assert_ne!(r.status, 200);
}

/// A CDN-style sub-path: assets, deep links and reloads under the base,
/// a redirect for the base without its slash, nothing outside it.
#[tokio::test]
async fn serves_under_a_base_path() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), INDEX_HTML).unwrap();
    std::fs::write(dist.join("rewards-portal-3b1f7a0c2d4e5f60.js"), APP_JS).unwrap();
    let router = rewards_server::app(rewards_server::Config {
        db: dir.path().join("r.sqlite3"),
        dist,
        base_path: "/portal/rewards/".into(),
        ..rewards_server::Config::default()
    })
    .unwrap();
    let send = |req: Request<Body>| {
        let router = router.clone();
        async move {
            use tower::ServiceExt;
            router.oneshot(req).await.unwrap()
        }
    };
    let deep = send(get("/portal/rewards/no/such/page", "text/html", None)).await;
    assert_eq!(deep.status(), 200);
    let body = axum::body::to_bytes(deep.into_body(), usize::MAX)
        .await
        .unwrap();
    assert!(String::from_utf8_lossy(&body)
        .contains(r#"<meta name="rewards-base" content="/portal/rewards/">"#));
    let asset = send(get(
        "/portal/rewards/rewards-portal-3b1f7a0c2d4e5f60.js",
        "*/*",
        None,
    ))
    .await;
    assert_eq!(asset.status(), 200);
    assert_eq!(
        asset.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let bare = send(get("/portal/rewards", "text/html", None)).await;
    assert_eq!(bare.status(), 308);
    assert_eq!(bare.headers()["location"], "/portal/rewards/");
    let outside = send(get("/benefits/technical", "text/html", None)).await;
    assert_eq!(outside.status(), 404);
    let api = send(get("/api/v1/health", "application/json", None)).await;
    assert_eq!(api.status(), 200, "the API stays at /api/v1");
}
