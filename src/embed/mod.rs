//! Running inside a host portal's iframe, and the deployment around the app:
//! runtime configuration (`config.json`), base path and colour theme.
//!
//! Embedded mode starts only when the framing page's origin is listed in the
//! configuration; the protocol itself lives in [`bridge`] and is described in
//! `docs/embedding.md`.

pub mod bridge;
pub mod config;
mod host;
mod resize;
pub mod theme;

pub use bridge::{EmbedBridge, HostEffects};
pub use host::{is_embedded, report_unrecoverable_error};
pub use resize::content_changed;

use rewards_core::embed::RuntimeConfig;

/// Prepares the document before the app mounts: theme, API base and, when
/// framed by an allowed host, the host link.
pub fn start(config: &RuntimeConfig) {
    crate::api::client::set_api_base(&config.api_base);
    let embedded = host::connect(config);
    if !embedded {
        theme::apply(theme::from_system());
    }
}

/// The router's base: the document's base path without its trailing slash
/// (`""` at the root, `"/portal/rewards"` under a sub-path). index.html sets
/// `<base href>` from the address before anything loads.
pub fn router_base() -> String {
    let base_uri = crate::browser::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten());
    let path = base_uri
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    path.trim_end_matches('/').to_string()
}

/// The in-app route for a full path: `/portal/rewards/benefits` → `/benefits`.
pub fn app_route(full_path: &str, base: &str) -> String {
    let route = full_path.strip_prefix(base).unwrap_or(full_path);
    if route.starts_with('/') {
        route.to_string()
    } else {
        format!("/{route}")
    }
}

#[cfg(test)]
mod tests {
    use super::app_route;

    #[test]
    fn app_routes_drop_the_base() {
        assert_eq!(
            app_route("/portal/rewards/benefits", "/portal/rewards"),
            "/benefits"
        );
        assert_eq!(app_route("/portal/rewards/", "/portal/rewards"), "/");
        assert_eq!(app_route("/portal/rewards", "/portal/rewards"), "/");
        assert_eq!(app_route("/benefits/technical", ""), "/benefits/technical");
    }
}
