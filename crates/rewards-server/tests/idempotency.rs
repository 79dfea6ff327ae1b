//! The order of the idempotency checks: authentication first, unrouted
//! methods stay 405, and recorded responses belong to one user whichever way
//! the session travels (bearer or cookie).

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request};
use common::*;
use serde_json::json;

fn technical_request() -> serde_json::Value {
    json!({
        "phase": "deployment", "solution_type": "cloud", "title": "Deployment help",
        "description": "Rollout to three regions.", "products": ["Azure Kubernetes Service"],
        "phone": "+31 20 123 4567", "country_region": "NL", "time_zone": "Europe/Amsterdam",
        "language": "nl"
    })
}

#[tokio::test]
async fn without_a_session_a_mutation_is_401_whatever_the_key() {
    let app = TestApp::new();
    let signed_out = app.sign_in(ALEX).await;
    app.call(Method::DELETE, "/api/v1/session", Some(&signed_out), None)
        .await;
    let recorded = app.sql_count("SELECT COUNT(*) FROM idempotency_keys");
    for token in [None, Some("forged-token"), Some(signed_out.as_str())] {
        for key in [None, Some("has space"), Some("good-key-1")] {
            let mut b = Request::post("/api/v1/technical-requests")
                .header(header::CONTENT_TYPE, "application/json");
            if let Some(t) = token {
                b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
            }
            if let Some(k) = key {
                b = b.header("Idempotency-Key", k);
            }
            let r = app
                .send(b.body(Body::from(technical_request().to_string())).unwrap())
                .await;
            assert_eq!(r.status, 401, "token {token:?}, key {key:?}: {}", r.text());
        }
    }
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM idempotency_keys"),
        recorded,
        "nothing recorded for requests without a session"
    );
}

#[tokio::test]
async fn a_signed_in_mutation_still_needs_a_valid_key() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let send = |key: Option<&'static str>| {
        let mut b = Request::post("/api/v1/benefits/viewed")
            .header(header::AUTHORIZATION, format!("Bearer {alex}"));
        if let Some(k) = key {
            b = b.header("Idempotency-Key", k);
        }
        b.body(Body::empty()).unwrap()
    };
    app.send(send(None))
        .await
        .assert_problem(428, "idempotency_key_required");
    app.send(send(Some("has space")))
        .await
        .assert_problem(400, "idempotency_key_invalid");
    assert_eq!(app.send(send(Some("viewed-1"))).await.status, 200);
}

#[tokio::test]
async fn an_unrouted_method_is_405_not_428() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    for (method, path) in [
        (Method::PUT, "/api/v1/benefits"),
        (Method::DELETE, "/api/v1/me"),
        (Method::PATCH, "/api/v1/marketing-contacts"),
        (Method::PUT, "/api/v1/health"),
    ] {
        let req = Request::builder()
            .method(method.clone())
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {alex}"))
            .body(Body::empty())
            .unwrap();
        let r = app.send(req).await;
        r.assert_problem(405, "method_not_allowed");
        assert!(r.header("allow").is_some(), "{method} {path}");
    }
}

#[tokio::test]
async fn cookie_sessions_do_not_share_recorded_responses() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let adele = app.sign_in(ADELE).await;
    let create = |token: &str| {
        Request::post("/api/v1/technical-requests")
            .header(header::COOKIE, format!("rewards_session={token}"))
            .header(header::CONTENT_TYPE, "application/json")
            .header("Idempotency-Key", "same-key-from-two-browsers")
            .body(Body::from(technical_request().to_string()))
            .unwrap()
    };
    let first = app.send(create(&alex)).await;
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(first.json()["request"]["created_by"], "usr-alex");
    // The same key from another user is another request, not a replay of Alex's.
    let second = app.send(create(&adele)).await;
    assert_eq!(second.status, 201, "{}", second.text());
    assert!(second.header("idempotent-replayed").is_none());
    assert_eq!(second.json()["request"]["created_by"], "usr-adele");
    // Alex's repeat is replayed.
    let again = app.send(create(&alex)).await;
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.body, first.body);
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM technical_requests WHERE title = 'Deployment help'"),
        2
    );
}
