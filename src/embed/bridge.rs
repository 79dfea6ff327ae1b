//! The app's side of the host protocol, mounted inside the router: reports
//! route changes and applies what the host asks (token, locale, theme, route).
//! Locale and session belong to higher layers: the app hands in what to do with them.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use rewards_core::embed::{AppMessage, HostMessage};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{app_route, host, resize, router_base, theme};

/// Without an `init` in this time the app checks the session on its own
/// (and shows sign-in if there is none), rather than spin forever.
const INIT_WAIT_MS: i32 = 10_000;

/// What the host may change beyond this module: the page's locale (a language tag, for this page
/// only, since the host sends it on every load) and the session (checked again after `init`).
#[derive(Clone, Copy)]
pub struct HostEffects {
    pub set_locale: Callback<String>,
    pub refresh_session: Callback<()>,
}

#[component]
pub fn EmbedBridge(effects: HostEffects) -> impl IntoView {
    if host::is_embedded() {
        // Under the router's owner, where `start` finds the router and makes its effects.
        let owner = Owner::current();
        leptos::task::spawn_local(async move { start_in(owner, effects).await });
    }
}

/// A split point of its own (scripts/build-wasm.mjs): only a framed app fetches the protocol's
/// code (reading host messages, reporting routes and size), so a standalone visit's main module
/// is that much smaller. The host waits for `ready`, which `start` sends once it listens.
#[leptos::lazy]
fn start_in(owner: Option<Owner>, effects: HostEffects) {
    match owner {
        Some(owner) => owner.with(|| start(effects)),
        None => start(effects),
    }
}

fn start(effects: HostEffects) {
    let navigate = use_navigate();
    // Counts `init`s: the route is reported again to a (re)initialised host.
    let inits = RwSignal::new(0u32);
    report_routes(inits);
    host::install_token_refresher();
    let apply = move |message: HostMessage| {
        let is_init = matches!(message, HostMessage::Init { .. });
        apply_message(message, effects, &navigate);
        if is_init {
            inits.update(|n| *n += 1);
        }
    };
    listen(apply);
    resize::observe();
    host::post(&AppMessage::Ready);
    set_timeout(
        move || {
            if inits.get_untracked() == 0 {
                effects.refresh_session.run(());
            }
        },
        std::time::Duration::from_millis(INIT_WAIT_MS as u64),
    );
}

/// `navigate` to the host on every route change, and after every `init`
/// (before it, the host's origin is not known and nothing may be sent).
fn report_routes(inits: RwSignal<u32>) {
    let location = use_location();
    let base = router_base();
    Effect::new(move |_| {
        inits.track();
        let path = location.pathname.get();
        let search = location.search.get();
        let mut route = app_route(&path, &base);
        if !search.is_empty() {
            route = format!("{route}?{}", search.trim_start_matches('?'));
        }
        host::post(&AppMessage::Navigate { route });
    });
}

fn listen(apply: impl Fn(HostMessage) + 'static) {
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let source = event.source().map(JsValue::from).unwrap_or(JsValue::NULL);
            if !host::accepts(&event.origin(), &source) {
                return;
            }
            let data = event.data();
            let json = match data.as_string() {
                Some(text) => text,
                None => match js_sys::JSON::stringify(&data) {
                    Ok(text) => String::from(text),
                    Err(_) => return,
                },
            };
            // Anything not in the protocol is ignored (hosts may run other widgets).
            if let Ok(message) = HostMessage::parse(&json) {
                apply(message);
            }
        });
    if let Some(window) = web_sys::window() {
        let _ =
            window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    }
    // Lives as long as the page.
    on_message.forget();
}

fn apply_message(
    message: HostMessage,
    effects: HostEffects,
    navigate: &impl Fn(&str, NavigateOptions),
) {
    match message {
        HostMessage::Init {
            token,
            locale,
            theme: chosen,
            route,
        } => {
            crate::api::auth::set_bearer_token(Some(token));
            theme::apply(chosen.unwrap_or_else(theme::from_system));
            if let Some(locale) = locale {
                effects.set_locale.run(locale);
            }
            if let Some(route) = route {
                navigate(&route, NavigateOptions::default());
            }
            effects.refresh_session.run(());
            resize::report_again();
        }
        HostMessage::SetLocale { locale } => effects.set_locale.run(locale),
        HostMessage::SetTheme { theme: chosen } => theme::apply(chosen),
        HostMessage::Navigate { route } => navigate(&route, NavigateOptions::default()),
        HostMessage::Token { token } => host::token_arrived(token),
    }
}
