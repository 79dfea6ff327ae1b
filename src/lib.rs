//! Marketplace Rewards partner portal: a Leptos client-side-rendered app.
//!
//! Dependencies flow one way, lowest first: `browser` and `paths` (leaves) ← `api` (typed client
//! on `rewards_core`) ← `embed` ← `i18n` ← `session` ← `components` ← `pages` ← `app`. A module
//! names only lower ones (`tests/layering.rs` fails otherwise). `components` are page-agnostic
//! building blocks, `i18n` owns every UI string.

// The prerender tool (crates/prerender) builds this crate with tachys' `ssr` feature, whose
// server-side `resolve` futures nest the view types deeper than the default limit allows.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
pub mod embed;
pub mod i18n;
pub mod pages;
pub mod paths;
pub mod session;

/// Mounts the app into `<body>`; called by the binary's `main`.
/// The runtime configuration is read first (it is preloaded by index.html),
/// because it decides the API base and whether the app is embedded.
pub fn mount() {
    components::recovery::install();
    // Before mounting, Leptos has no executor yet: use the browser's microtask queue.
    wasm_bindgen_futures::spawn_local(async {
        let config = embed::config::load().await;
        embed::start(&config);
        let session = session::start().await;
        // In one task with the mount, so no frame shows neither (or both).
        remove_prerendered_shell();
        leptos::mount::mount_to_body(move || leptos::view! { <app::App session /> });
    });
}

/// The build's prerendered shell (index.html's `shell-choice`): the app's first render takes
/// its place.
fn remove_prerendered_shell() {
    if let Some(shell) = browser::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("prerendered-shell"))
    {
        shell.remove();
    }
}
