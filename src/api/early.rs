//! Answers index.html asked for while the WebAssembly was still downloading (its
//! `early-requests` script): `config`, `session` and `overview`. Each is handed over once,
//! to the start-up step that would otherwise send the same request, so a page load saves
//! those round trips; a later step never sees an early, by then stale, answer.

use gloo_net::http::Response;
use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where index.html's script leaves its pending requests.
const PENDING: &str = "rewardsEarly";

/// A request index.html sent; its response is read at most once.
pub struct Pending(Promise);

/// The pending request called `name`; `None` when there is none or it was taken before.
pub fn take(name: &str) -> Option<Pending> {
    let window = web_sys::window()?;
    let pending = Reflect::get(&window, &JsValue::from_str(PENDING)).ok()?;
    if !pending.is_object() {
        return None;
    }
    let key = JsValue::from_str(name);
    let request = Reflect::get(&pending, &key).ok()?;
    let _ = Reflect::delete_property(pending.unchecked_ref::<js_sys::Object>(), &key);
    request.dyn_into().ok().map(Pending)
}

/// The response of a pending request; `None` when it was not sent or did not arrive.
pub async fn response(request: Option<Pending>) -> Option<Response> {
    let answer = JsFuture::from(request?.0).await.ok()?;
    answer
        .dyn_into::<web_sys::Response>()
        .ok()
        .map(Response::from)
}

/// Where the app leaves, for the next page load's `early-requests` script, what it may ask for
/// before `config.json` and the session check have answered (one round trip instead of three on
/// a repeat visit).
const HINT_KEY: &str = "rewards.early";

/// What the next page load may ask for at once: the session at `apiBase` always, the overview
/// only when the last session answer said the programme is visible (a hidden programme is never
/// requested). Neither is a secret; the script checks `apiBase` against `config.json` before it
/// uses an answer, and the session answer before it hands over the overview.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Hint<'a> {
    api_base: &'a str,
    overview: bool,
}

/// Records the session's answer for the next page load (standalone only: framed, the host's
/// token decides who is signed in and index.html asks for nothing).
pub fn remember_for_next_load(overview_visible: bool) {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let api_base = super::client::url("");
    let hint = Hint {
        api_base: &api_base,
        overview: overview_visible,
    };
    if let Ok(text) = serde_json::to_string(&hint) {
        // A full or disabled storage only costs the next load its head start.
        let _ = storage.set_item(HINT_KEY, &text);
    }
}
