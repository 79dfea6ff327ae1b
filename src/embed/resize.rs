//! Reports the content height to the host whenever it changes, at most once
//! per animation frame, so the host can size the iframe to fit.

use std::cell::{Cell, RefCell};

use rewards_core::embed::AppMessage;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static OBSERVER: RefCell<Option<web_sys::ResizeObserver>> = const { RefCell::new(None) };
    static FRAME_PENDING: Cell<bool> = const { Cell::new(false) };
    static LAST_HEIGHT: Cell<u32> = const { Cell::new(0) };
}

/// Starts observing `<body>`; later changes also come from [`content_changed`].
pub(super) fn observe() {
    let Some(body) = document().and_then(|d| d.body()) else {
        return;
    };
    let callback = Closure::<dyn FnMut()>::new(schedule);
    let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    // Lives as long as the page.
    callback.forget();
    observer.observe(&body);
    OBSERVER.with(|o| *o.borrow_mut() = Some(observer));
    schedule();
}

/// Something outside the normal flow changed, such as a modal dialog opening
/// in the top layer: observe open dialogs too and measure again.
pub fn content_changed() {
    OBSERVER.with(|o| {
        if let (Some(observer), Some(doc)) = (o.borrow().as_ref(), document()) {
            for dialog in open_dialogs(&doc) {
                observer.observe(&dialog);
            }
        }
    });
    if super::is_embedded() {
        schedule();
    }
}

/// Sends the last height again, for a host that (re)initialised.
pub(super) fn report_again() {
    LAST_HEIGHT.with(|h| h.set(0));
    schedule();
}

fn schedule() {
    if FRAME_PENDING.with(|p| p.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let measure = Closure::once_into_js(|| {
        FRAME_PENDING.with(|p| p.set(false));
        let height = content_height();
        if LAST_HEIGHT.with(|h| h.replace(height)) != height {
            super::host::post(&AppMessage::Resize { height });
        }
    });
    let _ = window.request_animation_frame(measure.unchecked_ref());
}

/// The body's height, or an open dialog's full height plus its margins when
/// that is taller (a modal dialog lives in the top layer, outside the body's box).
fn content_height() -> u32 {
    let Some(doc) = document() else {
        return 0;
    };
    let body = doc
        .body()
        .map(|b| b.get_bounding_client_rect().height())
        .unwrap_or(0.0);
    let dialogs = open_dialogs(&doc)
        .iter()
        .map(|d| f64::from(d.scroll_height()) + DIALOG_MARGIN_PX)
        .fold(0.0, f64::max);
    body.max(dialogs).ceil() as u32
}

/// Room above and below a modal dialog (style/dialog.css keeps a 1rem margin).
const DIALOG_MARGIN_PX: f64 = 32.0;

fn open_dialogs(doc: &web_sys::Document) -> Vec<web_sys::Element> {
    let Ok(list) = doc.query_selector_all("dialog[open]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
        .collect()
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}
