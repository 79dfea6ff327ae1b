//! Marketplace Rewards partner portal: a Leptos client-side-rendered app.
//!
//! Dependencies flow one way: `rewards_core` ← `api` ← `pages`;
//! `components` are page-agnostic building blocks, `i18n` owns every UI string.

pub mod api;
pub mod app;
pub mod components;
pub mod embed;
pub mod i18n;
pub mod pages;
pub mod session;

/// Mounts the app into `<body>`; called by the binary's `main`.
pub fn mount() {
    components::recovery::install();
    leptos::mount::mount_to_body(app::App);
}
