//! Sign-in resists guessing: failed attempts are counted per account and per
//! client address in the database, reserved atomically before any argon2
//! work, refused with 429 + `Retry-After`, and answered the same whether or
//! not the account exists.

mod common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request};
use common::*;
use rewards_server::throttle::{
    backoff_delay, ACCOUNT_FREE_FAILURES, ADDRESS_MAX_FAILURES, WINDOW,
};
use serde_json::json;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Barrier;

const T0: i64 = 1_900_000_000;

fn sign_in_from(addr: Option<&str>, email: &str, password: &str) -> Request<Body> {
    let mut req = Request::post("/api/v1/session")
        .header(header::CONTENT_TYPE, "application/json")
        .header("Idempotency-Key", new_key())
        .body(Body::from(
            json!({"email": email, "password": password}).to_string(),
        ))
        .unwrap();
    if let Some(addr) = addr {
        let addr: SocketAddr = addr.parse().unwrap();
        req.extensions_mut().insert(ConnectInfo(addr));
    }
    req
}

async fn attempt(app: &TestApp, email: &str, password: &str) -> Resp {
    app.send(sign_in_from(None, email, password)).await
}

/// Asserts a documented 429 and returns its `Retry-After`.
#[track_caller]
fn assert_refused(r: &Resp) -> i64 {
    r.assert_problem(429, "too_many_sign_in_attempts");
    assert_documented("POST", "/api/v1/session", r);
    let retry: i64 = r
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!((1..=WINDOW).contains(&retry), "Retry-After {retry}");
    retry
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_parallel_wrong_passwords_get_429s_and_no_5xx() {
    let app = Arc::new(TestApp::new());
    app.clock.freeze_at(T0);
    let start = Arc::new(Barrier::new(40));
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let (app, start) = (app.clone(), start.clone());
            tokio::spawn(async move {
                start.wait().await;
                attempt(&app, MEGAN, &format!("guess-{i}")).await
            })
        })
        .collect();
    let (mut checked, mut refused) = (0, 0);
    for task in tasks {
        let r = task.await.unwrap();
        assert!(r.status.as_u16() < 500, "5xx: {}", r.text());
        match r.status.as_u16() {
            401 => {
                r.assert_problem(401, "invalid_credentials");
                checked += 1;
            }
            429 => {
                assert_refused(&r);
                refused += 1;
            }
            s => panic!("unexpected {s}: {}", r.text()),
        }
    }
    // A 429 is answered before argon2 runs, so the password was checked
    // exactly as often as the limit allows, however the requests interleaved.
    assert_eq!(checked, ACCOUNT_FREE_FAILURES, "argon2 ran {checked} times");
    assert_eq!(refused, 40 - ACCOUNT_FREE_FAILURES);
    // Even the right password is refused now (the attempt is not checked).
    assert_refused(&attempt(&app, MEGAN, PASSWORD).await);
}

#[tokio::test]
async fn unknown_and_known_accounts_are_answered_alike() {
    let app = TestApp::new();
    app.clock.freeze_at(T0);
    let unknown = "nobody-here@contoso.example";
    let mut timings = (Duration::ZERO, Duration::ZERO);
    for n in 0..ACCOUNT_FREE_FAILURES + 2 {
        let started = Instant::now();
        let known = attempt(&app, ALEX, "Wrong-Password-1").await;
        timings.0 += started.elapsed();
        let started = Instant::now();
        let other = attempt(&app, unknown, "Wrong-Password-1").await;
        timings.1 += started.elapsed();
        assert_eq!(known.status, other.status, "attempt {n}");
        assert_eq!(known.body, other.body, "attempt {n}");
        assert_eq!(
            known.header("retry-after"),
            other.header("retry-after"),
            "attempt {n}"
        );
        if n < ACCOUNT_FREE_FAILURES {
            known.assert_problem(401, "invalid_credentials");
        } else {
            assert_refused(&known);
        }
    }
    // Both ran argon2 the same number of times (a dummy hash for the unknown
    // account): the totals differ by far less than the work itself.
    let (a, b) = (timings.0.as_secs_f64(), timings.1.as_secs_f64());
    assert!(
        a / b < 3.0 && b / a < 3.0,
        "known {a:.3}s vs unknown {b:.3}s"
    );
}

#[tokio::test]
async fn the_wait_doubles_and_a_success_after_it_resets_the_account() {
    let app = TestApp::new();
    app.clock.freeze_at(T0);
    for _ in 0..ACCOUNT_FREE_FAILURES {
        attempt(&app, ADELE, "Wrong-Password-1")
            .await
            .assert_problem(401, "invalid_credentials");
    }
    // Locked: the right password is refused without being checked.
    let wait = assert_refused(&attempt(&app, ADELE, PASSWORD).await);
    assert_eq!(
        wait,
        backoff_delay(ACCOUNT_FREE_FAILURES, ACCOUNT_FREE_FAILURES)
    );
    // After the wait, one more guess; the next wait is twice as long.
    app.clock.advance(wait);
    attempt(&app, ADELE, "Wrong-Password-2")
        .await
        .assert_problem(401, "invalid_credentials");
    let wait = assert_refused(&attempt(&app, ADELE, PASSWORD).await);
    assert_eq!(wait, 2);
    // Other accounts are not affected.
    assert_eq!(attempt(&app, ALEX, PASSWORD).await.status, 201);
    // After the lockout window the right password works and resets the count.
    app.clock.advance(WINDOW);
    let r = attempt(&app, ADELE, PASSWORD).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM attempt_counters WHERE bucket LIKE 'signin:account:%'"),
        0
    );
    for _ in 0..ACCOUNT_FREE_FAILURES {
        attempt(&app, ADELE, "Wrong-Password-3")
            .await
            .assert_problem(401, "invalid_credentials");
    }
    assert_refused(&attempt(&app, ADELE, PASSWORD).await);
}

#[tokio::test]
async fn successful_sign_ins_are_never_limited() {
    let app = TestApp::new();
    app.clock.freeze_at(T0);
    for _ in 0..(ACCOUNT_FREE_FAILURES * 3) {
        assert_eq!(attempt(&app, ALEX, PASSWORD).await.status, 201);
    }
    // Validation failures are not guesses and are not counted either.
    for _ in 0..(ACCOUNT_FREE_FAILURES * 2) {
        attempt(&app, "not-an-email", "")
            .await
            .assert_problem(422, "validation_failed");
    }
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM attempt_counters"), 1);
    assert_eq!(
        app.sql_count("SELECT SUM(failures) FROM attempt_counters"),
        0,
        "the address got its reservations back"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_is_refused_beyond_its_allowance_across_accounts() {
    let app = TestApp::new();
    app.clock.freeze_at(T0);
    let attacker = Some("203.0.113.9:50000");
    // Many accounts, each well below its own limit.
    let per_account = ACCOUNT_FREE_FAILURES - 1;
    let mut sent = 0;
    let mut account = 0;
    while sent < ADDRESS_MAX_FAILURES {
        let email = format!("user{account}@contoso.example");
        for _ in 0..per_account.min(ADDRESS_MAX_FAILURES - sent) {
            let r = app.send(sign_in_from(attacker, &email, "guess")).await;
            r.assert_problem(401, "invalid_credentials");
            sent += 1;
        }
        account += 1;
    }
    let r = app
        .send(sign_in_from(attacker, "fresh@contoso.example", "guess"))
        .await;
    let wait = assert_refused(&r);
    assert_eq!(wait, WINDOW);
    // Even a real account with its right password, from that address.
    assert_refused(&app.send(sign_in_from(attacker, MEGAN, PASSWORD)).await);
    // Another address (and an IPv6 one) is not affected.
    for other in ["198.51.100.1:4000", "[2001:db8::1]:4000"] {
        let r = app.send(sign_in_from(Some(other), MEGAN, PASSWORD)).await;
        assert_eq!(r.status, 201, "{other}: {}", r.text());
    }
    // The window ends.
    app.clock.advance(WINDOW);
    let r = app.send(sign_in_from(attacker, MEGAN, PASSWORD)).await;
    assert_eq!(r.status, 201, "{}", r.text());
}

#[tokio::test]
async fn limits_hold_across_instances_sharing_the_database() {
    let first = TestApp::new();
    first.clock.freeze_at(T0);
    let clock = rewards_server::clock::Clock::default();
    clock.freeze_at(T0);
    let second = rewards_server::app_with_clock(
        rewards_server::Config {
            db: first.db_path.clone(),
            dist: first.dist.clone(),
            ..rewards_server::Config::default()
        },
        clock,
    )
    .unwrap();
    for i in 0..ACCOUNT_FREE_FAILURES {
        let req = sign_in_from(None, DIEGO, "Wrong-Password-1");
        let r = if i % 2 == 0 {
            first.send(req).await
        } else {
            let res = tower::ServiceExt::oneshot(second.clone(), req)
                .await
                .unwrap();
            assert_eq!(res.status(), 401);
            continue;
        };
        r.assert_problem(401, "invalid_credentials");
    }
    assert_refused(&attempt(&first, DIEGO, PASSWORD).await);
    let res = tower::ServiceExt::oneshot(second, sign_in_from(None, DIEGO, PASSWORD))
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
}

#[tokio::test]
async fn the_throttle_table_holds_no_email_address() {
    let app = TestApp::new();
    attempt(&app, "someone.secret@contoso.example", "guess")
        .await
        .assert_problem(401, "invalid_credentials");
    let buckets = db_strings(&app.db_path, "SELECT bucket FROM attempt_counters");
    assert!(!buckets.is_empty());
    assert!(
        buckets.iter().all(|b| !b.contains("someone")),
        "{buckets:?}"
    );
}

/// The probe of the issue, over real loopback TCP as `serve` runs it: 40
/// parallel wrong passwords for one account get 429s and no 5xx, and the
/// per-address counter uses the TCP peer address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_parallel_wrong_passwords_over_loopback() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let db = empty_db(dir.path());
    let clock = rewards_server::clock::Clock::default();
    clock.freeze_at(T0);
    let router = rewards_server::app_with_clock(
        rewards_server::Config {
            db: db.clone(),
            dist: dir.path().join("dist"),
            ..rewards_server::Config::default()
        },
        clock,
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        axum::serve(listener, rewards_server::with_client_addresses(router)).await
    });
    let threads: Vec<_> = (0..40)
        .map(|i| {
            std::thread::spawn(move || {
                let body = json!({"email": MEGAN, "password": format!("guess-{i}")}).to_string();
                let mut s = std::net::TcpStream::connect(addr).unwrap();
                write!(
                    s,
                    "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
                     Content-Type: application/json\r\nIdempotency-Key: probe-{i}\r\n\
                     Content-Length: {}\r\n\r\n{body}",
                    body.len()
                )
                .unwrap();
                let mut out = String::new();
                s.read_to_string(&mut out).unwrap();
                out
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in threads {
        let out = t.join().unwrap();
        let status: u16 = out[9..12].parse().unwrap();
        if status == 429 {
            assert!(
                out.to_ascii_lowercase().contains("\r\nretry-after: "),
                "{out}"
            );
        }
        statuses.push(status);
    }
    server.abort();
    assert!(statuses.iter().all(|s| *s < 500), "{statuses:?}");
    let count = |code| statuses.iter().filter(|s| **s == code).count() as i64;
    assert_eq!(count(401), ACCOUNT_FREE_FAILURES, "{statuses:?}");
    assert_eq!(count(429), 40 - ACCOUNT_FREE_FAILURES, "{statuses:?}");
    let failures = db_count(
        &db,
        "SELECT failures FROM attempt_counters WHERE bucket = 'signin:address:127.0.0.1'",
    );
    assert_eq!(failures, ACCOUNT_FREE_FAILURES);
}
