//! The link to the framing host: who it is, sending messages to its exact
//! origin, checking where incoming messages come from, and the token hand-over.

use std::cell::{Cell, RefCell};

use js_sys::Promise;
use rewards_core::embed::{AppMessage, RuntimeConfig};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// How long the app waits for a fresh token after `token-expired`.
const TOKEN_WAIT_MS: i32 = 15_000;

struct HostLink {
    parent: web_sys::Window,
    /// Origins `ready` goes to until the host answers: the framing page's
    /// origin when the browser tells it, else every allowed origin.
    candidates: Vec<String>,
    /// The host's origin, fixed by its first accepted message.
    origin: Option<String>,
}

/// A pending token request: its promise, its resolver and a generation number
/// so a stale timeout cannot settle a newer request.
struct TokenWait {
    promise: Promise,
    resolve: js_sys::Function,
    generation: u32,
}

thread_local! {
    static LINK: RefCell<Option<HostLink>> = const { RefCell::new(None) };
    static TOKEN_WAIT: RefCell<Option<TokenWait>> = const { RefCell::new(None) };
    static GENERATION: Cell<u32> = const { Cell::new(0) };
}

/// Enters embedded mode when framed by an allowed host. Returns whether it did.
pub(super) fn connect(config: &RuntimeConfig) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let parent = match window.parent() {
        Ok(Some(parent)) if parent != window => parent,
        _ => return false,
    };
    let candidates = match framing_origin(&window) {
        Some(origin) if config.allows_host(&origin) => vec![origin],
        Some(_) => Vec::new(),
        None => config.allowed_host_origins.clone(),
    };
    if candidates.is_empty() {
        return false;
    }
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-embedded", "");
    }
    LINK.with(|link| {
        *link.borrow_mut() = Some(HostLink {
            parent,
            candidates,
            origin: None,
        })
    });
    true
}

/// The framing page's origin: `location.ancestorOrigins` where supported,
/// else the referrer's origin.
fn framing_origin(window: &web_sys::Window) -> Option<String> {
    let location = window.location();
    let ancestors = js_sys::Reflect::get(&location, &"ancestorOrigins".into()).ok();
    let first = ancestors
        .filter(|list| !list.is_undefined())
        .and_then(|list| js_sys::Reflect::get(&list, &0.into()).ok())
        .and_then(|origin| origin.as_string());
    first.or_else(|| {
        let referrer = window.document()?.referrer();
        web_sys::Url::new(&referrer).ok().map(|url| url.origin())
    })
}

pub fn is_embedded() -> bool {
    LINK.with(|link| link.borrow().is_some())
}

/// Sends to the host's exact origin (before the host answered: `ready` to each
/// candidate origin; a browser drops a message whose origin does not match).
pub(super) fn post(message: &AppMessage) {
    LINK.with(|link| {
        let link = link.borrow();
        let Some(link) = link.as_ref() else {
            return;
        };
        let targets: Vec<&String> = match (&link.origin, message) {
            (Some(origin), _) => vec![origin],
            (None, AppMessage::Ready) => link.candidates.iter().collect(),
            (None, _) => Vec::new(),
        };
        let Ok(payload) = js_sys::JSON::parse(&message.to_json()) else {
            return;
        };
        for origin in targets {
            let _ = link.parent.post_message(&payload, origin);
        }
    });
}

/// Whether a message event may be read: sent by `window.parent` from the
/// host's origin (the first accepted message fixes that origin).
pub(super) fn accepts(origin: &str, source: &JsValue) -> bool {
    LINK.with(|link| {
        let mut link = link.borrow_mut();
        let Some(link) = link.as_mut() else {
            return false;
        };
        if *source != JsValue::from(link.parent.clone()) {
            return false;
        }
        match &link.origin {
            Some(known) => known == origin,
            None if link.candidates.iter().any(|c| c == origin) => {
                link.origin = Some(origin.to_string());
                true
            }
            None => false,
        }
    })
}

/// Tells an embedding host the app cannot go on (for example after a panic).
pub fn report_unrecoverable_error(code: &str) {
    post(&AppMessage::Error {
        code: code.to_string(),
    });
}

/// After a 401: asks the host for a fresh token once (concurrent callers share
/// the wait) and resolves `true` when it arrives, `false` after a timeout.
pub(super) fn wait_for_fresh_token() -> Promise {
    if let Some(promise) = TOKEN_WAIT.with(|w| w.borrow().as_ref().map(|w| w.promise.clone())) {
        return promise;
    }
    let generation = GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    });
    let mut resolver = None;
    let promise = Promise::new(&mut |resolve, _reject| resolver = Some(resolve));
    let resolve = resolver.expect("the promise executor runs synchronously");
    TOKEN_WAIT.with(|w| {
        *w.borrow_mut() = Some(TokenWait {
            promise: promise.clone(),
            resolve,
            generation,
        })
    });
    let give_up = Closure::once_into_js(move || settle_token_wait(Some(generation), false));
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            give_up.unchecked_ref(),
            TOKEN_WAIT_MS,
        );
    }
    post(&AppMessage::TokenExpired);
    promise
}

/// A `token` message: keep it in memory and release whoever waits for it.
pub(super) fn token_arrived(token: String) {
    crate::api::auth::set_bearer_token(Some(token));
    settle_token_wait(None, true);
}

fn settle_token_wait(only_generation: Option<u32>, fresh: bool) {
    let wait = TOKEN_WAIT.with(|w| {
        let mut w = w.borrow_mut();
        let matches = match (&*w, only_generation) {
            (Some(wait), Some(generation)) => wait.generation == generation,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if matches {
            w.take()
        } else {
            None
        }
    });
    if let Some(wait) = wait {
        let _ = wait
            .resolve
            .call1(&JsValue::NULL, &JsValue::from_bool(fresh));
    }
}

/// The refresher the API client calls on a 401 in embedded mode.
pub(super) fn install_token_refresher() {
    let refresher: crate::api::auth::TokenRefresher = std::rc::Rc::new(|| {
        let promise = wait_for_fresh_token();
        Box::pin(async move {
            JsFuture::from(promise)
                .await
                .ok()
                .and_then(|value| value.as_bool())
                .unwrap_or(false)
        })
    });
    crate::api::auth::set_token_refresher(Some(refresher));
}
