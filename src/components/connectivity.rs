//! The offline banner: a polite status in the shell while the browser is
//! offline, and a short "back online" note when the connection returns.
//! Reads that were waiting resume by themselves (see `api::client`).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::api::connectivity::is_online;
use crate::i18n::{t, use_i18n};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Connection {
    Online,
    Offline,
    /// Came back after being offline during this visit.
    BackOnline,
}

#[component]
pub fn ConnectivityBanner() -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(if is_online() {
        Connection::Online
    } else {
        Connection::Offline
    });
    listen("offline", move || {
        state.try_set(Connection::Offline);
    });
    listen("online", move || {
        if state.try_get_untracked() == Some(Connection::Offline) {
            state.try_set(Connection::BackOnline);
        }
    });
    // The live region stays in the DOM so screen readers announce changes
    // (aria-live without a role: the page's own status messages keep theirs).
    view! {
        <div class="connectivity" aria-live="polite" aria-atomic="true">
            {move || match state.get() {
                Connection::Online => None,
                Connection::Offline => Some(view! {
                    <p class="notice notice--warning connectivity__offline">
                        {t!(i18n, resilience.banner.offline)}
                    </p>
                }.into_any()),
                Connection::BackOnline => Some(view! {
                    <p class="notice notice--success connectivity__online">
                        {t!(i18n, resilience.banner.online)}
                    </p>
                }.into_any()),
            }}
        </div>
    }
}

/// Listens to a window event. The shell lives as long as the page, so the
/// listener is kept for good (the handlers use `try_set`, harmless if not).
fn listen(event: &'static str, handler: impl Fn() + 'static) {
    let Some(window) = crate::browser::window() else {
        return;
    };
    let callback = Closure::<dyn Fn()>::new(handler);
    let _ = window.add_event_listener_with_callback(event, callback.as_ref().unchecked_ref());
    callback.forget();
}
