//! Marketplace Rewards partner portal: a Leptos client-side-rendered app.
//!
//! Dependencies flow one way, lowest first: `paths` (route paths, a leaf) ← `api` (typed client
//! on `rewards_core`) ← `embed` ← `i18n` ← `session` ← `components` ← `pages` ← `app`. A module
//! names only lower ones (`tests/layering.rs` fails otherwise). `components` are page-agnostic
//! building blocks, `i18n` owns every UI string.

pub mod api;
pub mod app;
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
        let session = session::start();
        // The first render keeps the main thread busy for a while: let the session check
        // (a queued task) send its request first.
        let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(
            &wasm_bindgen::JsValue::NULL,
        ))
        .await;
        leptos::mount::mount_to_body(move || leptos::view! { <app::App session /> });
    });
}
