//! Moving focus by element id: after a re-render, from an error summary's link, to a page's
//! heading. One home for the lookup the pages and components share.

use wasm_bindgen::JsCast;

/// The element with `id`, if the document has one that can take focus.
pub fn element_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Moves focus to the element with `id`; nothing happens when there is none.
pub fn focus_by_id(id: &str) {
    if let Some(element) = element_by_id(id) {
        let _ = element.focus();
    }
}

/// The element that has focus, if it is an HTML element.
pub fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Runs `move_focus` at the next animation frame (once new content has rendered), unless focus
/// has moved since this call: frames come late under load (WebKit), and a user who has already
/// clicked into a field and begun to type would lose the rest of their keys to the jump.
pub fn next_frame_unless_focus_moved(move_focus: impl FnOnce() + 'static) {
    let focused_now = active_element();
    leptos::prelude::request_animation_frame(move || {
        if active_element() == focused_now {
            move_focus();
        }
    });
}
