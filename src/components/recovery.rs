//! Panic safety: after a panic the WebAssembly instance is dead (release
//! builds abort), so the panic hook itself replaces the page with a
//! localized recovery page built with plain DOM calls, whose reload link
//! works without any Rust code, and tells an embedding host.

use wasm_bindgen::JsCast;

use crate::i18n::{locale_from_tag, td_string, Locale};

/// Installs the panic hook (it still logs the panic to the console first).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_recovery_page();
        // Last: should the host link itself fail, the page is already shown.
        crate::embed::report_unrecoverable_error("panic");
    }));
    panic_if_a_test_asks();
}

fn show_recovery_page() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let locale = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| locale_from_tag(&tag))
        .unwrap_or(Locale::en);
    let Some(body) = document.body() else {
        return;
    };
    body.set_text_content(None);
    document.set_title(td_string!(locale, resilience.recovery.title));
    let reload_href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_else(|| "/".to_owned());
    let page = element(
        &document,
        "main",
        &[("class", "recovery"), ("id", "main")],
        "",
    );
    let heading = element(
        &document,
        "h1",
        &[("tabindex", "-1")],
        td_string!(locale, resilience.recovery.title),
    );
    let body_text = element(
        &document,
        "p",
        &[],
        td_string!(locale, resilience.recovery.body),
    );
    // A link, not a button: it must work with the app's code gone. The router
    // leaves `rel="external"` links to the browser: a full page load.
    let reload = element(
        &document,
        "a",
        &[
            ("href", &reload_href),
            ("rel", "external"),
            ("class", "button button--primary"),
        ],
        td_string!(locale, resilience.recovery.reload),
    );
    for child in [&heading, &body_text, &reload] {
        let _ = page.append_child(child);
    }
    let _ = body.append_child(&page);
    if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
        let _ = heading.focus();
    }
}

fn element(
    document: &web_sys::Document,
    tag: &str,
    attributes: &[(&str, &str)],
    text: &str,
) -> web_sys::Element {
    let element = document
        .create_element(tag)
        .unwrap_or_else(|_| document.create_element("div").expect("div"));
    for (name, value) in attributes {
        let _ = element.set_attribute(name, value);
    }
    if !text.is_empty() {
        element.set_text_content(Some(text));
    }
    element
}

/// The end-to-end test of this page needs a real panic in the release build.
/// It happens only when the address has `?panic-test` AND the page's script
/// set `window.__REWARDS_TEST_PANIC__ = true` before the app loaded (a test's
/// init script); neither a link nor a user can set the latter. The panic
/// comes once the app has rendered a page heading.
fn panic_if_a_test_asks() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let asked_by_url = window.location().search().is_ok_and(|search| {
        search
            .trim_start_matches('?')
            .split('&')
            .any(|p| p == "panic-test")
    });
    let armed = js_sys::Reflect::get(&window, &"__REWARDS_TEST_PANIC__".into())
        .is_ok_and(|value| value.as_bool() == Some(true));
    if !(asked_by_url && armed) {
        return;
    }
    // Leptos's executor may not be set up yet: use the browser's microtasks.
    wasm_bindgen_futures::spawn_local(async {
        while !page_heading_shown() {
            crate::api::connectivity::sleep(50).await;
        }
        panic!("panic-test: a deliberate panic requested by an end-to-end test");
    });
}

fn page_heading_shown() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("main h1").ok().flatten())
        .is_some()
}
