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
