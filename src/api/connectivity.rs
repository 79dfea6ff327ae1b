//! Whether the browser is online, and small promise-based timers for the
//! retry loop (no timer outlives the request that set it).

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// `navigator.onLine`: `false` means certainly offline (`true` may still fail).
pub fn is_online() -> bool {
    crate::browser::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true)
}

/// Resolves at the next `online` event (at once when already online).
pub async fn until_online() {
    if is_online() {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            "online", &resolve, &options,
        );
    });
    let _ = JsFuture::from(promise).await;
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, timeout_arg(ms));
    });
    let _ = JsFuture::from(promise).await;
}

fn timeout_arg(ms: u32) -> i32 {
    i32::try_from(ms).unwrap_or(i32::MAX)
}

/// Aborts a request that has no answer in time. Dropping it cancels the timer.
pub struct Deadline {
    handle: i32,
    expired: Rc<Cell<bool>>,
    _on_expiry: Closure<dyn FnMut()>,
}

impl Deadline {
    pub fn new(ms: u32, controller: web_sys::AbortController) -> Option<Self> {
        let window = web_sys::window()?;
        let expired = Rc::new(Cell::new(false));
        let flag = expired.clone();
        let on_expiry = Closure::<dyn FnMut()>::new(move || {
            flag.set(true);
            controller.abort();
        });
        let handle = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_expiry.as_ref().unchecked_ref(),
                timeout_arg(ms),
            )
            .ok()?;
        Some(Self {
            handle,
            expired,
            _on_expiry: on_expiry,
        })
    }

    /// Whether the request was aborted because time ran out.
    pub fn expired(&self) -> bool {
        self.expired.get()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.handle);
        }
    }
}
