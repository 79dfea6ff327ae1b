//! Two server processes on one PostgreSQL database, requests alternating
//! between them: one record per Idempotency-Key sent to both in parallel,
//! one winner among racing If-Match writers, sessions and the sign-in limit
//! shared, no duplicate case numbers, and a restart of one instance during
//! writes loses nothing.
//!
//! Runs only when `REWARDS_TEST_POSTGRES` is set (`scripts/with-postgres.sh`);
//! otherwise it says it is skipped and passes.

mod common;

use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const PASSWORD: &str = common::PASSWORD;

struct Instance {
    child: Child,
    port: u16,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts the server binary on a free loopback port (not waiting).
fn spawn(db: &str, dist: &Path) -> Instance {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_rewards-server"))
        .args([
            "--bind",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--db",
            db,
        ])
        .arg("--dist")
        .arg(dist)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start rewards-server");
    Instance { child, port }
}

fn wait_ready(instance: &mut Instance) {
    let started = Instant::now();
    loop {
        if let Some(status) = instance.child.try_wait().unwrap() {
            panic!("the server exited: {status}");
        }
        if let Ok(r) = http(instance.port, "GET", "/api/v1/health", None, &[], None) {
            if r.status == 200 {
                return;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "not ready in 60 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

struct Resp {
    status: u16,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request on its own connection (`Connection: close`).
fn http(
    port: u16,
    method: &str,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
    body: Option<&Value>,
) -> std::io::Result<Resp> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !body.is_empty() {
        req.push_str("Content-Type: application/json\r\n");
    }
    if let Some(token) = token {
        req.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    for (name, value) in headers {
        req.push_str(&format!("{name}: {value}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(&body);
    s.write_all(req.as_bytes())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no response head"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.get(9..12))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status"))?;
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.get("transfer-encoding").map(String::as_str) == Some("chunked") {
        body = dechunk(&body);
    }
    Ok(Resp {
        status,
        headers,
        body,
    })
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&raw[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&raw[start..start + size]);
        raw = &raw[(start + size + 2).min(raw.len())..];
    }
    out
}

fn sign_in(port: u16, email: &str, password: &str, key: &str) -> Resp {
    http(
        port,
        "POST",
        "/api/v1/session",
        None,
        &[("Idempotency-Key", key)],
        Some(&json!({"email": email, "password": password})),
    )
    .unwrap()
}

fn technical_request(title: &str) -> Value {
    json!({
        "phase": "design", "solution_type": "cloud", "title": title,
        "description": "d", "products": ["Azure"], "phone": "+31 20 123 4567",
        "country_region": "NL", "time_zone": "Europe/Amsterdam", "language": "en"
    })
}

fn create(port: u16, token: &str, key: &str, title: &str) -> std::io::Result<Resp> {
    http(
        port,
        "POST",
        "/api/v1/technical-requests",
        Some(token),
        &[("Idempotency-Key", key)],
        Some(&technical_request(title)),
    )
}

fn count(db: &Path, sql: &str) -> i64 {
    common::db_count(db, sql)
}

#[test]
fn two_instances_on_one_postgresql_database() {
    if !common::on_postgres() {
        eprintln!(
            "skipped: multi-instance test needs PostgreSQL (run under scripts/with-postgres.sh)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), common::INDEX_HTML).unwrap();
    let db: PathBuf = common::empty_db(dir.path());
    let url = db.to_str().unwrap().to_string();

    // Both start at once on an empty database: migrations and seeding run
    // once, under the lock.
    let mut a = spawn(&url, &dist);
    let mut b = spawn(&url, &dist);
    wait_ready(&mut a);
    wait_ready(&mut b);
    // Seeded once: Contoso and the Rewards team's company (its demo user needs one).
    assert_eq!(count(&db, "SELECT COUNT(*) FROM companies"), 2);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM schema_migrations"),
        rewards_server::db::POSTGRES_MIGRATIONS.len() as i64
    );
    let (pa, pb) = (a.port, b.port);
    let port = move |i: usize| if i.is_multiple_of(2) { pa } else { pb };

    // A session created on one instance is valid on the other.
    let r = sign_in(pa, common::ALEX, PASSWORD, "sign-in-alex");
    assert_eq!(r.status, 201, "{}", r.text());
    let alex = r.json()["token"].as_str().unwrap().to_string();
    let me = http(pb, "GET", "/api/v1/me", Some(&alex), &[], None).unwrap();
    assert_eq!(me.status, 200, "{}", me.text());
    // ... and signed out on the other, it is gone on the first.
    let r = sign_in(pb, common::MEGAN, PASSWORD, "sign-in-megan");
    assert_eq!(r.status, 201, "{}", r.text());
    let megan = r.json()["token"].as_str().unwrap().to_string();
    let out = http(
        pa,
        "DELETE",
        "/api/v1/session",
        Some(&megan),
        &[("Idempotency-Key", "sign-out-megan")],
        None,
    )
    .unwrap();
    assert!(out.status < 300, "{} {}", out.status, out.text());
    let me = http(pb, "GET", "/api/v1/me", Some(&megan), &[], None).unwrap();
    assert_eq!(me.status, 401, "{}", me.text());

    // One record for a key sent to both instances in parallel.
    const PARALLEL: usize = 10;
    let start = Arc::new(Barrier::new(PARALLEL));
    let threads: Vec<_> = (0..PARALLEL)
        .map(|i| {
            let (alex, start) = (alex.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                create(port(i), &alex, "same-key", "Parallel duplicate").unwrap()
            })
        })
        .collect();
    let responses: Vec<Resp> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    for r in &responses {
        assert!(
            r.status == 201 || r.status == 409,
            "{} {}",
            r.status,
            r.text()
        );
    }
    let ids: HashSet<String> = responses
        .iter()
        .filter(|r| r.status == 201)
        .map(|r| r.json()["request"]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 1, "one record answered to every 201");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM technical_requests WHERE title = 'Parallel duplicate'"
        ),
        1
    );

    // Racing If-Match writers: one 200, the rest 412.
    let contacts = http(
        pa,
        "GET",
        "/api/v1/marketing-contacts",
        Some(&alex),
        &[],
        None,
    )
    .unwrap();
    let tag = contacts.headers["etag"].clone();
    let created = http(
        pb,
        "POST",
        "/api/v1/marketing-contacts",
        Some(&alex),
        &[("If-Match", &tag), ("Idempotency-Key", "contact-1")],
        Some(
            &json!({"user_id": "usr-adele", "email": "adele@contoso.example",
                     "phone": "+31 20 000 0000", "preferred_language": "en"}),
        ),
    )
    .unwrap();
    assert_eq!(created.status, 201, "{}", created.text());
    let tag = created.headers["etag"].clone();
    let contact_id = created.json()["contacts"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    const WRITERS: usize = 8;
    let start = Arc::new(Barrier::new(WRITERS));
    let threads: Vec<_> = (0..WRITERS)
        .map(|i| {
            let (alex, start, tag, id) =
                (alex.clone(), start.clone(), tag.clone(), contact_id.clone());
            std::thread::spawn(move || {
                start.wait();
                http(
                    port(i),
                    "PUT",
                    &format!("/api/v1/marketing-contacts/{id}"),
                    Some(&alex),
                    &[("If-Match", &tag), ("Idempotency-Key", &format!("put-{i}"))],
                    Some(&json!({"user_id": "usr-adele", "email": "adele@contoso.example",
                                 "phone": format!("+31 20 000 00{i:02}"), "preferred_language": "en"})),
                )
                .unwrap()
            })
        })
        .collect();
    let statuses: Vec<u16> = threads
        .into_iter()
        .map(|t| t.join().unwrap().status)
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 412).count(),
        WRITERS - 1,
        "{statuses:?}"
    );

    // The sign-in limit is shared: wrong passwords alternate between the
    // instances, and after the free failures both refuse.
    let free = rewards_server::throttle::ACCOUNT_FREE_FAILURES as usize;
    for i in 0..free {
        let r = sign_in(port(i), common::DIEGO, "Wrong-Password-1", &format!("w{i}"));
        assert_eq!(r.status, 401, "attempt {i}: {}", r.text());
    }
    for p in [pa, pb] {
        let r = sign_in(p, common::DIEGO, PASSWORD, "right");
        assert_eq!(r.status, 429, "{}", r.text());
        assert!(r.headers.contains_key("retry-after"));
    }

    // No duplicate case numbers under parallel creation on both instances.
    const CREATORS: usize = 16;
    let start = Arc::new(Barrier::new(CREATORS));
    let threads: Vec<_> = (0..CREATORS)
        .map(|i| {
            let (alex, start) = (alex.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                create(port(i), &alex, &format!("case-{i}"), &format!("Case {i}")).unwrap()
            })
        })
        .collect();
    let mut cases = HashSet::new();
    for t in threads {
        let r = t.join().unwrap();
        assert_eq!(r.status, 201, "{}", r.text());
        assert!(cases.insert(
            r.json()["request"]["case_number"]
                .as_str()
                .unwrap()
                .to_string()
        ));
    }
    assert_eq!(cases.len(), CREATORS);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) - COUNT(DISTINCT case_number) FROM technical_requests"
        ),
        0
    );

    // A restart of one instance during writes loses nothing: keyed writes
    // alternate between the instances while B is stopped (SIGTERM, as a
    // rolling restart does) and started again; a write that fails is retried
    // with the same key against A.
    const WRITES: usize = 40;
    let b_port = Arc::new(AtomicU16::new(pb));
    let writer = {
        let (alex, b_port) = (alex.clone(), b_port.clone());
        std::thread::spawn(move || {
            let mut retried = 0;
            for i in 0..WRITES {
                let key = format!("restart-{i}");
                let title = format!("Restart {i}");
                let first = if i.is_multiple_of(2) {
                    pa
                } else {
                    b_port.load(Ordering::SeqCst)
                };
                let mut target = first;
                let started = Instant::now();
                loop {
                    match create(target, &alex, &key, &title) {
                        Ok(r) if r.status == 201 => break,
                        Ok(r) if r.status == 409 || r.status >= 500 => {}
                        Ok(r) => panic!("write {i}: {} {}", r.status, r.text()),
                        Err(_) => {}
                    }
                    retried += 1;
                    target = pa;
                    assert!(
                        started.elapsed() < Duration::from_secs(60),
                        "write {i} never succeeded"
                    );
                    std::thread::sleep(Duration::from_millis(50));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            retried
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    let pid = b.child.id().to_string();
    let term = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(term.success());
    let _ = b.child.wait();
    // Down for a while: the writes meant for B fail and are retried on A.
    std::thread::sleep(Duration::from_millis(300));
    let mut b2 = spawn(&url, &dist);
    wait_ready(&mut b2);
    b_port.store(b2.port, Ordering::SeqCst);
    let retried = writer.join().unwrap();
    eprintln!("restart: {retried} retries against A");
    assert!(retried > 0, "the restart did not overlap the writes");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM technical_requests WHERE title LIKE 'Restart %'"
        ),
        WRITES as i64
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(DISTINCT title) FROM technical_requests WHERE title LIKE 'Restart %'"
        ),
        WRITES as i64
    );
    // The restarted instance serves the same data.
    let list = http(
        b2.port,
        "GET",
        "/api/v1/technical-requests",
        Some(&alex),
        &[],
        None,
    )
    .unwrap();
    assert_eq!(list.status, 200, "{}", list.text());
    assert!(list.text().contains("Restart 39"));
    drop(b);
}
