//! Atomic statements that hold across server instances sharing one SQLite
//! file: the Idempotency-Key claim (one conditional insert, a lease per
//! instance), case numbers from a counter, and a pool of connections.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request};
use common::*;
use rewards_server::{app as build_app, Config};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Barrier;

const PARALLEL: usize = 12;

fn technical_request(title: &str) -> Value {
    json!({
        "phase": "design", "solution_type": "cloud", "title": title,
        "description": "d", "products": ["Azure"], "phone": "+31 20 123 4567",
        "country_region": "NL", "time_zone": "Europe/Amsterdam", "language": "en"
    })
}

fn create(token: &str, key: &str, title: &str) -> Request<Body> {
    Request::post("/api/v1/technical-requests")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("Idempotency-Key", key)
        .body(Body::from(technical_request(title).to_string()))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_duplicates_of_one_key_make_one_record_and_no_5xx() {
    let app = Arc::new(TestApp::new());
    let alex = app.sign_in(ALEX).await;
    // Half the duplicates go to a second instance on the same database.
    let second = build_app(Config {
        db: app.db_path.clone(),
        dist: app.dist.clone(),
        ..Config::default()
    })
    .unwrap();
    let start = Arc::new(Barrier::new(PARALLEL));
    let tasks: Vec<_> = (0..PARALLEL)
        .map(|i| {
            let (app, alex, start) = (app.clone(), alex.clone(), start.clone());
            let second = second.clone();
            tokio::spawn(async move {
                start.wait().await;
                let req = create(&alex, "one-key-many-tabs", "Parallel duplicate");
                if i % 2 == 0 {
                    return app.send(req).await;
                }
                let res = tower::ServiceExt::oneshot(second, req).await.unwrap();
                let status = res.status();
                let headers = res.headers().clone();
                let body = http_body_util::BodyExt::collect(res.into_body())
                    .await
                    .unwrap()
                    .to_bytes()
                    .to_vec();
                Resp {
                    status,
                    headers,
                    body,
                }
            })
        })
        .collect();
    let mut bodies = HashSet::new();
    let (mut created, mut replayed) = (0, 0);
    for task in tasks {
        let r = task.await.unwrap();
        match r.status.as_u16() {
            201 if r.header("idempotent-replayed") == Some("true") => replayed += 1,
            201 => created += 1,
            409 => {
                r.assert_problem(409, "idempotency_request_in_progress");
                assert!(r.header("retry-after").is_some());
                continue;
            }
            s => panic!("unexpected {s}: {}", r.text()),
        }
        bodies.insert(r.body.clone());
    }
    assert_eq!(created, 1, "exactly one request ran");
    assert_eq!(bodies.len(), 1, "every replay is the first answer");
    assert!(
        replayed >= 1,
        "the duplicates waited for and replayed the answer"
    );
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM technical_requests WHERE title = 'Parallel duplicate'"),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_creations_get_distinct_case_numbers() {
    let app = Arc::new(TestApp::new());
    let alex = app.sign_in(ALEX).await;
    let start = Arc::new(Barrier::new(PARALLEL));
    let tasks: Vec<_> = (0..PARALLEL)
        .map(|i| {
            let (app, alex, start) = (app.clone(), alex.clone(), start.clone());
            tokio::spawn(async move {
                start.wait().await;
                app.send(create(&alex, &new_key(), &format!("Parallel {i}")))
                    .await
            })
        })
        .collect();
    let mut cases = HashSet::new();
    for task in tasks {
        let r = task.await.unwrap();
        assert_eq!(r.status, 201, "{}", r.text());
        cases.insert(
            r.json()["request"]["case_number"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    assert_eq!(cases.len(), PARALLEL, "duplicate case numbers: {cases:?}");
    // The counter continues from the first case number of a fresh database (the demo cases
    // are numbered below it).
    let first = rewards_server::seed::FIRST_CASE_SEQ;
    assert_eq!(
        app.sql_count("SELECT MIN(seq) FROM technical_requests WHERE id NOT LIKE 'tr-demo-%'"),
        first
    );
    assert!(
        app.sql_count("SELECT MAX(seq) FROM technical_requests WHERE id LIKE 'tr-demo-%'") < first
    );
    assert_eq!(
        app.sql_count("SELECT value FROM counters WHERE name = 'technical_request_seq'"),
        first + PARALLEL as i64 - 1
    );
}

/// A second instance starting on the same file leaves the first one's
/// in-flight claims alone; only claims whose lease expired are removed.
#[tokio::test]
async fn a_starting_instance_keeps_live_claims_of_another_instance() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let now = rewards_server::clock::now_unix();
    let fp = rewards_server::idempotency::fingerprint(
        &Method::POST,
        "/api/v1/technical-requests",
        technical_request("Held elsewhere").to_string().as_bytes(),
    )
    .unwrap();
    app.sql(&format!(
        "INSERT INTO idempotency_keys (scope, key, fingerprint, created_at, owner, lease_expires_at)
           VALUES ('usr-alex', 'live-claim', '{fp}', {now}, 'inst-other', {live}),
                  ('usr-alex', 'dead-claim', '{fp}', {old}, 'inst-gone', {expired});",
        live = now + 100,
        old = now - 300,
        expired = now - 180,
    ));
    let second = build_app(Config {
        db: app.db_path.clone(),
        dist: app.dist.clone(),
        ..Config::default()
    })
    .unwrap();
    drop(second);
    let claims = |key: &str| {
        app.sql_count(&format!(
            "SELECT COUNT(*) FROM idempotency_keys WHERE key = '{key}' AND status IS NULL"
        ))
    };
    assert_eq!(
        claims("live-claim"),
        1,
        "another instance's live claim was removed"
    );
    assert_eq!(claims("dead-claim"), 0, "an expired claim was kept");

    // A duplicate of the live claim waits, then gets 409 with Retry-After (not a 5xx).
    let started = Instant::now();
    let r = app
        .send(create(&alex, "live-claim", "Held elsewhere"))
        .await;
    r.assert_problem(409, "idempotency_request_in_progress");
    assert_eq!(r.header("retry-after"), Some("1"));
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "it did not wait"
    );
    // Once the lease has expired, the claim is taken over and the request runs once.
    app.sql("UPDATE idempotency_keys SET lease_expires_at = 0 WHERE key = 'live-claim'");
    let r = app
        .send(create(&alex, "live-claim", "Held elsewhere"))
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let again = app
        .send(create(&alex, "live-claim", "Held elsewhere"))
        .await;
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM technical_requests WHERE title = 'Held elsewhere'"),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pool_serves_reads_while_another_connection_holds_the_write_lock() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let holder = hold_write_lock(app.db_path.clone(), locked_tx, move || {
        release_rx.recv_timeout(Duration::from_secs(10)).ok();
    });
    locked_rx.recv().unwrap();
    // WAL (SQLite), MVCC (PostgreSQL): reads do not wait for the writer.
    let started = Instant::now();
    for _ in 0..3 {
        assert_eq!(app.get("/api/v1/benefits", &alex).await.status, 200);
    }
    assert!(started.elapsed() < Duration::from_secs(3));
    release_tx.send(()).unwrap();
    holder.join().unwrap();
}

/// The client gives up (timeout, reset) while the write waits for a lock:
/// the request still finishes and records its answer, so the retry with the
/// same key is a replay, not a second record.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_abandoned_request_still_records_its_answer_for_the_retry() {
    let app = TestApp::new();
    let alex = app.sign_in(ALEX).await;
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let holder = hold_write_lock(app.db_path.clone(), locked_tx, move || {
        release_rx.recv_timeout(Duration::from_secs(10)).ok();
    });
    locked_rx.recv().unwrap();
    let gave_up = tokio::time::timeout(
        Duration::from_millis(300),
        app.send(create(&alex, "lost-answer", "Lost answer")),
    )
    .await;
    assert!(
        gave_up.is_err(),
        "the write should still be waiting for the lock"
    );
    release_tx.send(()).unwrap();
    holder.join().unwrap();
    // The abandoned request finishes by itself and records its answer.
    let recorded =
        "SELECT COUNT(*) FROM idempotency_keys WHERE key = 'lost-answer' AND status = 201";
    let started = Instant::now();
    while app.sql_count(recorded) == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "never recorded"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let retry = app.send(create(&alex, "lost-answer", "Lost answer")).await;
    assert_eq!(retry.status, 201, "{}", retry.text());
    assert_eq!(retry.header("idempotent-replayed"), Some("true"));
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM technical_requests WHERE title = 'Lost answer'"),
        1
    );
}
