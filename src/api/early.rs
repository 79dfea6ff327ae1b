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
