//! The tenant password never reaches the database (not even hashed) or the
//! logs; tokens never appear in the logs; access log lines are one per
//! request without query strings.

mod common;

use axum::http::Method;
use common::*;
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn logs() -> &'static Captured {
    static LOGS: OnceLock<Captured> = OnceLock::new();
    LOGS.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("trace"))
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        captured
    })
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn tenant_password_never_stored_or_logged() {
    let logs = logs();
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await;
    let wrong = "Wr0ng-Tenant-Secret-91";
    let body = |pw: &str| json!({"domain": "fabrikam.onmicrosoft.com", "username": "admin@fabrikam.onmicrosoft.com", "password": pw});
    let h = [("Idempotency-Key", "assoc-1")];
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/tenants/associations",
            Some(&megan),
            Some(body(wrong)),
            &h,
        )
        .await;
    r.assert_problem(422, "tenant_credentials_invalid");
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/tenants/associations",
            Some(&megan),
            Some(body(FABRIKAM_PASSWORD)),
            &h,
        )
        .await;
    assert_eq!(r.status, 201);
    // Replay with the same key and body: the stored response, no password in it.
    let again = app
        .call_with(
            Method::POST,
            "/api/v1/tenants/associations",
            Some(&megan),
            Some(body(FABRIKAM_PASSWORD)),
            &h,
        )
        .await;
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.body, r.body);
    // The password is not part of the fingerprint: a different password with
    // the same key is the same request.
    let other = app
        .call_with(
            Method::POST,
            "/api/v1/tenants/associations",
            Some(&megan),
            Some(body("Another-Secret-77")),
            &h,
        )
        .await;
    assert_eq!(other.header("idempotent-replayed"), Some("true"));
    let id = r.json()["association_id"].as_str().unwrap().to_string();
    let tag = app
        .get("/api/v1/tenants", &megan)
        .await
        .header("etag")
        .unwrap()
        .to_string();
    let r = app
        .call_with(
            Method::POST,
            &format!("/api/v1/tenants/associations/{id}/confirm"),
            Some(&megan),
            None,
            &[("If-Match", &tag)],
        )
        .await;
    assert_eq!(r.status, 200);
    let r = app
        .get("/api/v1/benefits?q=secret-query-text", &megan)
        .await;
    assert_eq!(r.status, 200);

    let mut bytes = std::fs::read(&app.db_path).unwrap();
    let wal = app.db_path.with_extension("sqlite3-wal");
    if let Ok(w) = std::fs::read(&wal) {
        bytes.extend(w);
    }
    assert!(bytes.len() > 4096);
    // Sanity: the data we wrote is in the files.
    assert!(contains(&bytes, "Fabrikam, Inc."));
    for secret in [
        FABRIKAM_PASSWORD,
        wrong,
        "Another-Secret-77",
        PASSWORD,
        &megan,
    ] {
        assert!(
            !contains(&bytes, secret),
            "{secret} found in the database files"
        );
    }

    let log = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("POST /api/v1/tenants/associations 201"),
        "{log}"
    );
    assert!(
        log.contains("POST /api/v1/tenants/associations 422"),
        "{log}"
    );
    assert!(log.contains("GET /api/v1/benefits 200"), "{log}");
    for secret in [
        FABRIKAM_PASSWORD,
        wrong,
        "Another-Secret-77",
        PASSWORD,
        &megan,
        "secret-query-text",
    ] {
        assert!(!log.contains(secret), "{secret} found in the log");
    }
}
