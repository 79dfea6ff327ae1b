//! Concurrent writes: `If-Match` lets exactly one of several writers with the
//! same version through and, with a re-read and retry, loses no write; SQLite
//! runs in WAL mode with a busy timeout, so a write waits for another
//! connection's write instead of failing.

mod common;

use axum::http::Method;
use common::*;
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Barrier;

const WRITERS: usize = 8;

fn contact(phone: &str) -> Value {
    json!({"user_id": "usr-adele", "email": "adele@contoso.example", "phone": phone, "preferred_language": "en"})
}

/// The contacts' `ETag` and the first contact (id, E.164 phone).
async fn contacts(app: &TestApp, token: &str) -> (String, String, String) {
    let r = app.get("/api/v1/marketing-contacts", token).await;
    assert_eq!(r.status, 200);
    let tag = r.header("etag").unwrap().to_string();
    let v = r.json();
    let first = &v["contacts"][0];
    (
        tag,
        first["id"].as_str().unwrap().to_string(),
        first["phone_e164"].as_str().unwrap().to_string(),
    )
}

/// A company with one marketing contact whose phone is `phone`.
async fn app_with_contact(phone: &str) -> (Arc<TestApp>, String) {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let tag = app.etag("/api/v1/marketing-contacts", &alex).await;
    let r = app
        .call_with(
            Method::POST,
            "/api/v1/marketing-contacts",
            Some(&alex),
            Some(contact(phone)),
            &[("If-Match", &tag)],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    (Arc::new(app), alex)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writers_with_the_same_version_one_wins_the_rest_get_412() {
    let (app, alex) = app_with_contact("+31 20 000 0000").await;
    let (tag, id, _) = contacts(&app, &alex).await;
    let start = Arc::new(Barrier::new(WRITERS));
    let tasks: Vec<_> = (0..WRITERS)
        .map(|i| {
            let (app, alex, tag, start) = (app.clone(), alex.clone(), tag.clone(), start.clone());
            let path = format!("/api/v1/marketing-contacts/{id}");
            tokio::spawn(async move {
                start.wait().await;
                let r = app
                    .call_with(
                        Method::PUT,
                        &path,
                        Some(&alex),
                        Some(contact(&format!("+31 20 000 000{i}"))),
                        &[("If-Match", &tag)],
                    )
                    .await;
                (i, r)
            })
        })
        .collect();
    let mut winners = Vec::new();
    for task in tasks {
        let (i, r) = task.await.unwrap();
        match r.status.as_u16() {
            200 => winners.push(i),
            _ => {
                r.assert_problem(412, "version_mismatch");
            }
        }
    }
    assert_eq!(winners.len(), 1, "exactly one writer wins: {winners:?}");
    let (new_tag, _, phone) = contacts(&app, &alex).await;
    assert_eq!(phone, format!("+3120000000{}", winners[0]));
    assert_ne!(new_tag, tag);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writers_that_reread_and_retry_lose_no_write() {
    // Each writer adds one to the number in the phone: a lost update would
    // leave the total short.
    const START: u64 = 31_200_000_000;
    let (app, alex) = app_with_contact(&format!("+{START}")).await;
    let (first_tag, _, _) = contacts(&app, &alex).await;
    let start = Arc::new(Barrier::new(WRITERS));
    let tasks: Vec<_> = (0..WRITERS)
        .map(|_| {
            let (app, alex, start) = (app.clone(), alex.clone(), start.clone());
            tokio::spawn(async move {
                start.wait().await;
                let mut conflicts = 0;
                loop {
                    let (tag, id, phone) = contacts(&app, &alex).await;
                    let next: u64 = phone.trim_start_matches('+').parse::<u64>().unwrap() + 1;
                    tokio::task::yield_now().await;
                    let r = app
                        .call_with(
                            Method::PUT,
                            &format!("/api/v1/marketing-contacts/{id}"),
                            Some(&alex),
                            Some(contact(&format!("+{next}"))),
                            &[("If-Match", &tag)],
                        )
                        .await;
                    match r.status.as_u16() {
                        200 => return conflicts,
                        412 => conflicts += 1,
                        _ => panic!("unexpected {} {}", r.status, r.text()),
                    }
                    assert!(conflicts < 100, "a writer never got through");
                }
            })
        })
        .collect();
    let mut conflicts = 0;
    for task in tasks {
        conflicts += task.await.unwrap();
    }
    let (tag, _, phone) = contacts(&app, &alex).await;
    assert_eq!(
        phone,
        format!("+{}", START + WRITERS as u64),
        "a write was lost"
    );
    let version = |t: &str| t.trim_matches('"').parse::<u64>().unwrap();
    assert_eq!(version(&tag), version(&first_tag) + WRITERS as u64);
    // Sanity: the writers really did collide.
    assert!(conflicts > 0, "no writer ever saw a 412");
}

#[test]
fn sqlite_runs_in_wal_mode_with_a_busy_timeout() {
    // A SQLite file whatever the store of the other tests: its settings.
    let dir = tempfile::tempdir().unwrap();
    let db = rewards_server::db::Db::open(&dir.path().join("r.sqlite3")).unwrap();
    let (mode, timeout, foreign_keys): (String, i64, i64) = db.with_conn(|c| {
        (
            c.query_row("PRAGMA journal_mode", (), |r| r.get(0))
                .unwrap(),
            c.query_row("PRAGMA busy_timeout", (), |r| r.get(0))
                .unwrap(),
            c.query_row("PRAGMA foreign_keys", (), |r| r.get(0))
                .unwrap(),
        )
    });
    assert_eq!(mode, "wal");
    assert!(timeout >= 1000, "busy_timeout is {timeout} ms");
    assert_eq!(foreign_keys, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_waits_for_another_connections_write_instead_of_failing() {
    let (app, alex) = app_with_contact("+31 20 000 0000").await;
    let (tag, id, _) = contacts(&app, &alex).await;
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let holder = hold_write_lock(app.db_path.clone(), locked_tx, || {
        std::thread::sleep(Duration::from_millis(400));
    });
    locked_rx.recv().unwrap();
    let started = Instant::now();
    let r = app
        .call_with(
            Method::PUT,
            &format!("/api/v1/marketing-contacts/{id}"),
            Some(&alex),
            Some(contact("+31 20 000 0009")),
            &[("If-Match", &tag)],
        )
        .await;
    let waited = started.elapsed();
    holder.join().unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        waited >= Duration::from_millis(250),
        "the write did not wait for the lock ({waited:?})"
    );
    let r = app
        .call(
            Method::POST,
            "/api/v1/technical-requests",
            Some(&alex),
            Some(json!({
                "phase": "design", "solution_type": "cloud", "title": "After the lock",
                "description": "d", "products": ["Azure"], "phone": "+31 20 123 4567",
                "country_region": "NL", "time_zone": "Europe/Amsterdam", "language": "en"
            })),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
}
