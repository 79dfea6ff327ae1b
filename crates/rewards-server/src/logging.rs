//! One access-log line per request: method, path (no query), status and
//! latency. Never bodies, headers, tokens or passwords.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

pub async fn access_log(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let started = Instant::now();
    let response = next.run(req).await;
    let micros = started.elapsed().as_micros();
    tracing::info!(
        target: "rewards_server::access",
        "{method} {path} {} {}.{:03}ms",
        response.status().as_u16(),
        micros / 1000,
        micros % 1000
    );
    response
}

/// Installs the stderr subscriber (`RUST_LOG` filters; default `info`).
pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}
