//! Binds a real socket on 127.0.0.1:0 and talks HTTP/1.1 to it.

mod common;

use rewards_server::{app, Config};
use std::io::{Read, Write};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_over_tcp_on_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        db: dir.path().join("nested").join("rewards.sqlite3"),
        dist: dir.path().join("dist"),
        ..Config::default()
    };
    let router = app(config).unwrap();
    assert!(dir.path().join("nested").join("rewards.sqlite3").exists());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, router).await });
    let response = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.write_all(
            b"GET /api/v1/health?probe=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    })
    .await
    .unwrap();
    server.abort();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"status\":\"ok\""));
    assert!(response
        .to_ascii_lowercase()
        .contains("content-security-policy:"));
}

#[test]
fn restart_keeps_data_and_does_not_reseed() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        db: common::empty_db(dir.path()),
        dist: dir.path().join("dist"),
        ..Config::default()
    };
    drop(app(config.clone()).unwrap());
    drop(app(config.clone()).unwrap());
    let companies = common::db_count(&config.db, "SELECT COUNT(*) FROM companies");
    let migrations = common::db_count(&config.db, "SELECT COUNT(*) FROM schema_migrations");
    let expected = rewards_server::db::MIGRATIONS.len() as i64;
    // Contoso and the Rewards team's own company row, once each.
    assert_eq!((companies, migrations), (2, expected));
    let conn = common::db_conn(&config.db);
    if conn.dialect() == rewards_server::sql::Dialect::Sqlite {
        let mode: String = conn
            .query_row("PRAGMA journal_mode", (), |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
}
