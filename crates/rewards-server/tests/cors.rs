//! `--cors-origins`: an SPA on another origin (a static host, `apiBase` an
//! absolute URL) may call the API with its session cookie; no other origin may.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request};
use common::{Resp, TestApp, MEGAN, PASSWORD};
use rewards_server::Config;

const ALLOWED: &str = "http://127.0.0.1:9000";
const ALSO_ALLOWED: &str = "https://rewards.example";
const OTHER: &str = "http://127.0.0.1:9001";

fn app() -> TestApp {
    TestApp::with_config(Config {
        cors_origins: vec![ALLOWED.into(), ALSO_ALLOWED.into()],
        ..Config::default()
    })
}

fn from(origin: &str, method: Method, path: &str) -> axum::http::request::Builder {
    Request::builder()
        .method(method)
        .uri(path)
        .header(header::ORIGIN, origin)
}

fn preflight(origin: &str, method: &str, headers: &str) -> Request<Body> {
    from(origin, Method::OPTIONS, "/api/v1/session")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, method)
        .header(header::ACCESS_CONTROL_REQUEST_HEADERS, headers)
        .body(Body::empty())
        .unwrap()
}

fn listed(r: &Resp, name: &str) -> Vec<String> {
    r.headers
        .get_all(name)
        .iter()
        .flat_map(|v| v.to_str().unwrap().split(','))
        .map(|v| v.trim().to_ascii_lowercase())
        .collect()
}

#[tokio::test]
async fn an_allowed_origin_gets_its_own_origin_with_credentials() {
    let app = app();
    for origin in [ALLOWED, ALSO_ALLOWED] {
        let r = app
            .send(
                from(origin, Method::GET, "/api/v1/health")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("access-control-allow-origin"), Some(origin));
        assert_eq!(r.header("access-control-allow-credentials"), Some("true"));
        assert!(
            listed(&r, "vary").contains(&"origin".to_string()),
            "{:?}",
            r.headers
        );
        let exposed = listed(&r, "access-control-expose-headers");
        for name in ["etag", "location", "retry-after"] {
            assert!(exposed.contains(&name.to_string()), "{exposed:?}");
        }
    }
}

#[tokio::test]
async fn another_origin_gets_no_cors_headers() {
    let app = app();
    let r = app
        .send(
            from(OTHER, Method::GET, "/api/v1/health")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, 200);
    // Without its origin named the browser hides the answer from the page (tower-http still
    // sends `Access-Control-Allow-Credentials`, which alone grants nothing).
    assert_eq!(r.header("access-control-allow-origin"), None);
    // Caches must not hand an allowed origin's answer to this one, or the reverse.
    assert!(listed(&r, "vary").contains(&"origin".to_string()));
    let r = app
        .send(preflight(OTHER, "POST", "content-type,idempotency-key"))
        .await;
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn a_preflight_allows_the_methods_and_headers_the_spa_sends() {
    let app = app();
    let r = app
        .send(preflight(
            ALLOWED,
            "PUT",
            "accept,authorization,content-type,idempotency-key,if-match",
        ))
        .await;
    assert!(r.status.is_success(), "{}", r.status);
    assert_eq!(r.header("access-control-allow-origin"), Some(ALLOWED));
    assert_eq!(r.header("access-control-allow-credentials"), Some("true"));
    let methods = listed(&r, "access-control-allow-methods");
    for method in ["get", "post", "put", "patch", "delete"] {
        assert!(methods.contains(&method.to_string()), "{methods:?}");
    }
    let allowed = listed(&r, "access-control-allow-headers");
    for name in [
        "accept",
        "authorization",
        "content-type",
        "idempotency-key",
        "if-match",
    ] {
        assert!(allowed.contains(&name.to_string()), "{allowed:?}");
    }
    assert_eq!(r.header("access-control-max-age"), Some("600"));
    // The preflight is answered before the API: nothing was signed in or stored.
    assert!(r.header("set-cookie").is_none());
}

#[tokio::test]
async fn the_session_cookie_works_across_origins() {
    let app = app();
    let r = app
        .send(
            from(ALLOWED, Method::POST, "/api/v1/session")
                .header(header::CONTENT_TYPE, "application/json")
                .header("Idempotency-Key", common::new_key())
                .body(Body::from(
                    serde_json::json!({"email": MEGAN, "password": PASSWORD}).to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.header("access-control-allow-origin"), Some(ALLOWED));
    // Same-site (the same host on another port, or a sibling subdomain), so SameSite=Strict
    // still lets the browser send it; the path is the API's, wherever the SPA lives.
    let set_cookie = r.header("set-cookie").unwrap().to_string();
    assert!(set_cookie.contains("Path=/api/v1") && set_cookie.contains("SameSite=Strict"));
    let cookie = set_cookie.split(';').next().unwrap().to_string();
    let r = app
        .send(
            from(ALLOWED, Method::GET, "/api/v1/me")
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("access-control-allow-origin"), Some(ALLOWED));
}

#[tokio::test]
async fn without_origins_there_are_no_cors_headers() {
    let app = TestApp::new();
    let r = app
        .send(
            from(ALLOWED, Method::GET, "/api/v1/health")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = app
        .send(preflight(ALLOWED, "POST", "content-type,idempotency-key"))
        .await;
    assert_eq!(r.header("access-control-allow-origin"), None);
}
