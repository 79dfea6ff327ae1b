//! Behaviour that must not rest on one store's peculiarities (run on SQLite,
//! and on PostgreSQL under `scripts/with-postgres.sh`): emails and tenant
//! usernames are case-insensitive through `lower(...)`, not `COLLATE NOCASE`.

mod common;

use axum::http::Method;
use common::*;
use serde_json::json;

#[tokio::test]
async fn sign_in_ignores_the_case_of_the_email() {
    let app = TestApp::new();
    let r = app
        .call(
            Method::POST,
            "/api/v1/session",
            None,
            Some(json!({"email": "Megan@Contoso.EXAMPLE", "password": PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
}

#[tokio::test]
async fn tenant_usernames_ignore_case() {
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await;
    let r = app
        .call(
            Method::POST,
            "/api/v1/tenants/associations",
            Some(&megan),
            Some(json!({"domain": "fabrikam.onmicrosoft.com",
                        "username": "ADMIN@Fabrikam.onmicrosoft.com",
                        "password": FABRIKAM_PASSWORD})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
}

#[test]
fn emails_are_unique_whatever_their_case() {
    let app = TestApp::new();
    let conn = db_conn(&app.db_path);
    // A plain test (no async runtime), so the connection is used directly.
    let duplicate = conn.execute(
        "INSERT INTO users (id, company_id, email, display_name, password_hash, tenant, roles)
             VALUES ('usr-megan2', 'co-contoso', 'MEGAN@contoso.example', 'M', 'x', 't', '[]')",
        (),
    );
    assert!(duplicate.is_err(), "a second MEGAN@… was accepted");
}
