//! `DialogSurface`: the native modal `<dialog>`, focus placement, the Tab
//! trap and focus return.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::context::{use_dialog, DialogContext};
use crate::components::focus::{active_element, element_by_id};

/// Elements that can take focus with Tab (filtered for visibility at run time).
const FOCUSABLE: &str = "a[href], area[href], button:not([disabled]), \
    input:not([disabled]):not([type=\"hidden\"]), select:not([disabled]), \
    textarea:not([disabled]), summary, [contenteditable=\"true\"], \
    [tabindex]:not([tabindex=\"-1\"])";

/// The modal itself: a native `<dialog>` shown with `showModal()`. Its
/// children are rendered only while the dialog is open.
#[component]
pub fn DialogSurface(
    #[prop(optional)] class: Option<&'static str>,
    children: ChildrenFn,
) -> impl IntoView {
    let context = use_dialog();
    let node = NodeRef::<html::Dialog>::new();
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);

    Effect::new(move |_| {
        let Some(dialog) = node.get() else { return };
        if context.open.get() {
            if !dialog.open() {
                opener.set_value(active_element());
                if dialog.show_modal().is_err() {
                    context.open.set(false);
                    return;
                }
                // After the content has rendered. `showModal` itself focuses something (its
                // first focusable element); if the user has moved focus since (a click in a
                // field when frames come late, as in WebKit under load), leave it there.
                let placed_by_browser = active_element();
                let _ = request_animation_frame_once(move || {
                    if active_element() == placed_by_browser {
                        focus_initial(&dialog, context);
                    }
                });
            }
        } else if dialog.open() {
            dialog.close();
        }
        // A modal dialog sits outside the page's box: the host frame may need to grow.
        crate::embed::content_changed();
    });

    let on_close = move |_: web_sys::Event| {
        if context.open.get_untracked() {
            context.open.set(false);
        }
        if let Some(callback) = context.on_close {
            callback.run(());
        }
        let opener = opener.try_update_value(Option::take).flatten();
        // The `close` event may come after the page has already re-rendered and placed focus
        // (a refreshed row after an activation): only return focus when it would be lost.
        if !focus_is_lost(node.get_untracked()) {
            return;
        }
        let target = opener
            .filter(|el| el.is_connected())
            .or_else(|| context.return_focus.and_then(element_by_id));
        if let Some(target) = target {
            let _ = target.focus();
        }
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let Some(dialog) = node.get_untracked() else {
            return;
        };
        match ev.key().as_str() {
            "Escape" => close_on_escape(&ev, &dialog),
            "Tab" => trap_tab(&ev, &dialog),
            _ => {}
        }
    };

    let class = match class {
        Some(extra) => format!("dialog {extra}"),
        None => "dialog".to_owned(),
    };
    view! {
        <dialog
            node_ref=node
            class=class
            role="dialog"
            aria-modal="true"
            aria-labelledby=context.title_id()
            aria-describedby=move || context.has_description.get().then(|| context.description_id())
            on:close=on_close
            on:keydown=on_keydown
        >
            <div class="dialog__surface">
                {move || context.open.get().then(|| children())}
            </div>
        </dialog>
    }
}

/// Escape closes the dialog from any field. A native modal gets `cancel` from Escape, except in
/// WebKit while a search field has focus (the field uses the key to clear itself and the dialog
/// never hears of it); closing here works the same in every engine.
fn close_on_escape(ev: &web_sys::KeyboardEvent, dialog: &web_sys::HtmlDialogElement) {
    if ev.default_prevented() || ev.is_composing() {
        return;
    }
    ev.prevent_default();
    dialog.close();
}

/// Tab and Shift+Tab wrap around inside the dialog.
fn trap_tab(ev: &web_sys::KeyboardEvent, dialog: &web_sys::HtmlDialogElement) {
    let items = focusable_elements(dialog);
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        ev.prevent_default();
        return;
    };
    let active = active_element();
    let inside = active.as_ref().is_some_and(|a| {
        dialog.contains(Some(a)) && a != dialog.unchecked_ref::<web_sys::HtmlElement>()
    });
    if ev.shift_key() {
        if !inside || active.as_ref() == Some(first) {
            ev.prevent_default();
            let _ = last.focus();
        }
    } else if !inside || active.as_ref() == Some(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

/// Nothing but the page itself has focus, or focus is still inside the closed dialog.
fn focus_is_lost(dialog: Option<web_sys::HtmlDialogElement>) -> bool {
    let Some(active) = active_element() else {
        return true;
    };
    let body = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body());
    body.is_some_and(|body| active == body)
        || dialog.is_some_and(|dialog| dialog.contains(Some(&active)))
}

/// Visible, enabled, tabbable elements inside `root`, in document order.
fn focusable_elements(root: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    // `querySelectorAll` through JS so no extra web-sys feature is needed.
    let Ok(query) = js_sys::Reflect::get(root, &JsValue::from_str("querySelectorAll")) else {
        return Vec::new();
    };
    let Ok(list) = query
        .unchecked_into::<js_sys::Function>()
        .call1(root, &JsValue::from_str(FOCUSABLE))
    else {
        return Vec::new();
    };
    let visible: Vec<web_sys::HtmlElement> = js_sys::Array::from(&list)
        .iter()
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|el| el.offset_width() > 0 || el.offset_height() > 0)
        .collect();
    // Tab reaches only the checked radio of a group, or its first if none is checked.
    let radio = |el: &web_sys::HtmlElement| {
        el.dyn_ref::<web_sys::HtmlInputElement>()
            .filter(|input| input.type_() == "radio")
            .map(|input| (input.name(), input.checked()))
    };
    let group_checked = |name: &str| {
        visible
            .iter()
            .any(|el| radio(el).is_some_and(|(n, checked)| checked && n == name))
    };
    let mut seen_groups: Vec<String> = Vec::new();
    let mut tabbable = Vec::new();
    for el in &visible {
        match radio(el) {
            None => tabbable.push(el.clone()),
            Some((name, checked)) => {
                let first_of_unchecked_group =
                    !group_checked(&name) && !seen_groups.contains(&name);
                if checked || first_of_unchecked_group {
                    tabbable.push(el.clone());
                }
                seen_groups.push(name);
            }
        }
    }
    tabbable
}

fn focus_initial(dialog: &web_sys::HtmlDialogElement, context: DialogContext) {
    let requested = context.initial_focus.and_then(element_by_id);
    let body_first = dialog
        .query_selector(".dialog__body")
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        .and_then(|b| focusable_elements(&b).into_iter().next());
    let target = requested
        .or(body_first)
        .or_else(|| focusable_elements(dialog).into_iter().next());
    if let Some(target) = target {
        let _ = target.focus();
    }
}

fn request_animation_frame_once(f: impl FnOnce() + 'static) -> Result<i32, JsValue> {
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    web_sys::window()
        .ok_or(JsValue::NULL)?
        .request_animation_frame(callback.unchecked_ref())
}
