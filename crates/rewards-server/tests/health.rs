//! `GET /health` answers whether the database is reachable.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;

async fn health(app: &TestApp) -> Resp {
    app.send(Request::get("/api/v1/health").body(Body::empty()).unwrap())
        .await
}

#[tokio::test]
async fn health_is_200_when_the_database_answers() {
    let app = TestApp::new();
    let r = health(&app).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["status"], "ok");
    assert_documented("GET", "/api/v1/health", &r);
}

#[tokio::test]
async fn health_is_503_when_the_database_does_not_answer_and_recovers() {
    let app = TestApp::new();
    // The probe query fails (as it would on an unreadable or foreign file).
    app.sql("ALTER TABLE schema_migrations RENAME TO schema_migrations_away");
    let r = health(&app).await;
    r.assert_problem(503, "database_unavailable");
    assert_eq!(r.header("retry-after"), Some("5"));
    assert_documented("GET", "/api/v1/health", &r);
    app.sql("ALTER TABLE schema_migrations_away RENAME TO schema_migrations");
    assert_eq!(health(&app).await.status, 200);
}
