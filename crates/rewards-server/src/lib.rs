//! Marketplace Rewards reference API server and SPA host.
//!
//! [`app`] builds the whole service (API, static files, middleware) from a
//! [`Config`], so tests run it in-process; [`serve`] binds and runs it.

pub mod auth;
pub mod clock;
pub mod config;
pub mod cors;
pub mod db;
pub mod extract;
pub mod idempotency;
pub mod logging;
pub mod openapi;
pub mod problem;
pub mod repo;
pub mod routes;
pub mod security_headers;
pub mod seed;
pub mod sql;
pub mod state;
pub mod static_files;
pub mod throttle;

pub use config::Config;

use axum::extract::DefaultBodyLimit;
use axum::{middleware, Extension, Router};
use std::sync::Arc;
use tower_http::compression::CompressionLayer;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Opens (and migrates, and on first start seeds) the database and builds
/// the router.
pub fn app(config: Config) -> Result<Router, BoxError> {
    let clock = clock::Clock::offset_by(config.clock_offset_days.saturating_mul(86_400));
    app_with_clock(config, clock)
}

/// [`app`] with the clock of the programme rules and the attempt limits
/// (tests move it). The demo data is seeded at the real date.
pub fn app_with_clock(config: Config, clock: clock::Clock) -> Result<Router, BoxError> {
    let db = db::Db::open(&config.db)?;
    let instance: Arc<str> = auth::new_id("inst-").into();
    // Computed now, so the first sign-in for an unknown account takes no
    // longer than one for a known account.
    let _ = auth::dummy_hash();
    let seeded = db.with_conn(|conn| -> sql::Result<bool> {
        // Only abandoned claims: another live instance's are left alone.
        idempotency::remove_expired_claims(conn, clock::now_unix())?;
        seed::seed_if_empty(conn, clock::now())
    })?;
    if seeded {
        tracing::info!("seeded demo data");
    }
    let index_html = std::fs::read_to_string(config.dist.join("index.html")).ok();
    if index_html.is_none() {
        tracing::warn!(dist = %config.dist.display(), "no index.html in the SPA build directory");
    }
    let runtime_config = std::fs::read_to_string(config.dist.join("config.json")).ok();
    let security = Arc::new(security_headers::SecurityHeaders::new(
        index_html.as_deref(),
        runtime_config.as_deref(),
        &config.frame_ancestors,
    ));
    let state = state::AppState {
        db,
        config: Arc::new(config.clone()),
        instance,
        clock,
        argon2: Arc::new(tokio::sync::Semaphore::new(
            std::thread::available_parallelism().map_or(2, |n| n.get()),
        )),
    };
    let (api, doc) = openapi::router();
    let doc_json = openapi::OpenApiJson(Arc::new(
        serde_json::to_string(&doc).map_err(|e| Box::new(e) as BoxError)?,
    ));
    let files = static_files::StaticFiles {
        dist: config.dist.clone(),
        base_path: config.base_path.clone(),
        index_html: index_html
            .as_deref()
            .map(|html| Arc::new(static_files::with_base_meta(html, &config.base_path))),
    };
    let router = api
        .layer(Extension(doc_json))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            idempotency::middleware,
        ))
        .with_state(state)
        .fallback_service(axum::routing::any(static_files::fallback).with_state(files))
        .layer(DefaultBodyLimit::max(extract::BODY_LIMIT))
        .layer(middleware::from_fn(extract::method_not_allowed_as_problem))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(middleware::from_fn_with_state(
            security,
            security_headers::middleware,
        ));
    // Outside the rest, so that a preflight is answered before the API sees it.
    let router = match cors::layer(&config.cors_origins) {
        Some(cors) => router.layer(cors),
        None => router,
    };
    Ok(router.layer(middleware::from_fn(logging::access_log)))
}

/// Binds `config.bind:config.port` and serves until Ctrl-C / SIGTERM.
pub async fn serve(config: Config) -> Result<(), BoxError> {
    let addr = std::net::SocketAddr::new(config.bind, config.port);
    let app = app(config)?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(address = %listener.local_addr()?, "listening");
    axum::serve(listener, with_client_addresses(app))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(())
}

/// The service [`serve`] runs: the router with each connection's peer
/// address (`ConnectInfo`), which the per-address sign-in limit uses.
pub fn with_client_addresses(
    router: Router,
) -> axum::extract::connect_info::IntoMakeServiceWithConnectInfo<Router, std::net::SocketAddr> {
    router.into_make_service_with_connect_info::<std::net::SocketAddr>()
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
