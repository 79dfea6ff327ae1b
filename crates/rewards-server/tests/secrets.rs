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
    let tag = app.etag("/api/v1/tenants", &megan).await;
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

    let bytes = database_bytes(&app.db_path);
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

#[tokio::test]
async fn tenant_password_absent_after_every_failure_path() {
    use axum::body::Body;
    use axum::http::{header, Request};

    let logs = logs();
    let app = TestApp::new();
    let megan = app.sign_in(MEGAN).await;
    let diego = app.sign_in(DIEGO).await;
    let domain = "fabrikam.onmicrosoft.com";
    let user = "admin@fabrikam.onmicrosoft.com";
    let path = "/api/v1/tenants/associations";
    // One distinct secret per failure, so a leak names its path.
    let secret = |n: u32| format!("Tenant-Secret-{n:03}-zq");
    let body = |domain: &str, pw: &str| json!({"domain": domain, "username": user, "password": pw});
    let raw = |token: Option<&str>, key: Option<&str>, content_type: &str, bytes: String| {
        let mut b = Request::post(path).header(header::CONTENT_TYPE, content_type);
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(k) = key {
            b = b.header("Idempotency-Key", k);
        }
        b.body(Body::from(bytes)).unwrap()
    };
    let mut responses = Vec::new();
    let mut secrets = Vec::new();

    // Wrong password (and then the rate limit on another tenant).
    secrets.push(secret(1));
    let r = app
        .call(
            Method::POST,
            path,
            Some(&megan),
            Some(body(domain, &secret(1))),
        )
        .await;
    r.assert_problem(422, "tenant_credentials_invalid");
    responses.push(r);
    for n in 2..=7 {
        secrets.push(secret(n));
        responses.push(
            app.call(
                Method::POST,
                path,
                Some(&megan),
                Some(body("tailspin.onmicrosoft.com", &secret(n))),
            )
            .await,
        );
    }
    responses
        .last()
        .unwrap()
        .assert_problem(429, "too_many_attempts");
    // Another field invalid; the password itself too long.
    secrets.push(secret(8));
    let r = app
        .call(
            Method::POST,
            path,
            Some(&megan),
            Some(body("not a domain", &secret(8))),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    responses.push(r);
    secrets.push(secret(9).repeat(20));
    let r = app
        .call(
            Method::POST,
            path,
            Some(&megan),
            Some(body(domain, &secret(9).repeat(20))),
        )
        .await;
    assert_eq!(
        r.json()["errors"][0],
        json!({"field": "password", "code": "too_long"})
    );
    responses.push(r);
    // Malformed JSON, a wrong type elsewhere, the password of a wrong type.
    secrets.push(secret(10));
    let r = app
        .send(raw(
            Some(&megan),
            Some("k-10"),
            "application/json",
            format!("{{\"domain\":\"{domain}\",\"password\":\"{}\"", secret(10)),
        ))
        .await;
    r.assert_problem(400, "malformed_json");
    responses.push(r);
    secrets.push(secret(11));
    let r = app
        .call(
            Method::POST,
            path,
            Some(&megan),
            Some(json!({"domain": 5, "username": user, "password": secret(11)})),
        )
        .await;
    r.assert_problem(400, "invalid_body");
    responses.push(r);
    secrets.push(secret(12));
    let r = app
        .call(
            Method::POST,
            path,
            Some(&megan),
            Some(json!({"domain": domain, "username": user, "password": [secret(12)]})),
        )
        .await;
    assert_eq!(
        r.assert_problem(400, "invalid_body")["errors"][0]["field"],
        "password"
    );
    responses.push(r);
    // Not JSON, too large, no key, no token, the wrong role.
    secrets.push(secret(13));
    let r = app
        .send(raw(
            Some(&megan),
            Some("k-13"),
            "text/plain",
            body(domain, &secret(13)).to_string(),
        ))
        .await;
    r.assert_problem(415, "unsupported_media_type");
    responses.push(r);
    secrets.push(secret(14));
    let huge = body(domain, &format!("{}{}", secret(14), "x".repeat(70 * 1024))).to_string();
    let r = app
        .send(raw(Some(&megan), Some("k-14"), "application/json", huge))
        .await;
    r.assert_problem(413, "body_too_large");
    responses.push(r);
    secrets.push(secret(15));
    let r = app
        .send(raw(
            Some(&megan),
            None,
            "application/json",
            body(domain, &secret(15)).to_string(),
        ))
        .await;
    r.assert_problem(428, "idempotency_key_required");
    responses.push(r);
    secrets.push(secret(16));
    let r = app
        .send(raw(
            None,
            Some("k-16"),
            "application/json",
            body(domain, &secret(16)).to_string(),
        ))
        .await;
    r.assert_problem(401, "unauthenticated");
    responses.push(r);
    secrets.push(secret(17));
    let r = app
        .call(
            Method::POST,
            path,
            Some(&diego),
            Some(body(domain, &secret(17))),
        )
        .await;
    r.assert_problem(403, "tenant_admin_required");
    responses.push(r);

    // Success, a reused key with another domain, confirmation, then "already associated".
    let ok = app
        .call_with(
            Method::POST,
            path,
            Some(&megan),
            Some(body(domain, FABRIKAM_PASSWORD)),
            &[("Idempotency-Key", "assoc-ok")],
        )
        .await;
    assert_eq!(ok.status, 201, "{}", ok.text());
    secrets.push(secret(18));
    let r = app
        .call_with(
            Method::POST,
            path,
            Some(&megan),
            Some(body("other.onmicrosoft.com", &secret(18))),
            &[("Idempotency-Key", "assoc-ok")],
        )
        .await;
    r.assert_problem(422, "idempotency_key_reused");
    responses.push(r);
    let id = ok.json()["association_id"].as_str().unwrap().to_string();
    responses.push(ok);
    let tag = app.etag("/api/v1/tenants", &megan).await;
    let r = app
        .call_with(
            Method::POST,
            &format!("{path}/{id}/confirm"),
            Some(&megan),
            None,
            &[("If-Match", &tag)],
        )
        .await;
    assert_eq!(r.status, 200);
    responses.push(r);
    secrets.push(secret(19));
    let r = app
        .call(
            Method::POST,
            path,
            Some(&megan),
            Some(body(domain, &secret(19))),
        )
        .await;
    r.assert_problem(409, "tenant_already_associated");
    responses.push(r);
    // A failed sign-in's password too.
    secrets.push(secret(20));
    let r = app
        .call(
            Method::POST,
            "/api/v1/session",
            None,
            Some(json!({"email": MEGAN, "password": secret(20)})),
        )
        .await;
    r.assert_problem(401, "invalid_credentials");
    responses.push(r);

    secrets.push(FABRIKAM_PASSWORD.to_string());
    let db = database_bytes(&app.db_path);
    assert!(
        contains(&db, "Fabrikam, Inc."),
        "the data itself is in the files"
    );
    let log = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("POST /api/v1/tenants/associations 429"),
        "{log}"
    );
    for s in &secrets {
        assert!(!contains(&db, s), "{s} found in the database files");
        assert!(!log.contains(s.as_str()), "{s} found in the log");
        for r in &responses {
            assert!(
                !contains(&r.body, s),
                "{s} echoed in a {} response",
                r.status
            );
            for (name, value) in &r.headers {
                assert!(!contains(value.as_bytes(), s), "{s} in the {name} header");
            }
        }
    }
}
