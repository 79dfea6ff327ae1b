//! In-browser tests (headless Chromium via wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use rewards_portal::components::language_switcher::LanguageSwitcher;
use rewards_portal::i18n::negotiate::{negotiate, Preferences};
use rewards_portal::i18n::{persist, I18nContextProvider};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Leptos delegates events to the document, so test events must bubble like real ones.
fn bubbling_event(kind: &str) -> web_sys::Event {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    web_sys::Event::new_with_event_init_dict(kind, &init).unwrap()
}

#[wasm_bindgen_test]
fn negotiation_uses_the_real_navigator_languages() {
    let prefs = persist::browser_preferences();
    // The test page has no ?lang= and nothing remembered unless a test set it.
    assert!(prefs.query.is_none());
    assert!(
        !prefs.browser.is_empty(),
        "navigator.languages is never empty in Chromium"
    );
    let mut with_browser_only = prefs.clone();
    with_browser_only.remembered = None;
    let chosen = negotiate(&with_browser_only);
    assert!(rewards_portal::i18n::negotiate::SUPPORTED.contains(&chosen));
}

#[wasm_bindgen_test]
fn negotiation_order_holds_in_wasm() {
    let prefs = Preferences {
        remembered: None,
        query: Some("zh-Hant".into()),
        browser: vec!["nl-BE".into()],
        configured: None,
    };
    assert_eq!(negotiate(&prefs), "zh-TW");
}

#[wasm_bindgen_test]
fn language_switcher_mounts_and_remembers_the_choice() {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), || {
        view! { <I18nContextProvider><LanguageSwitcher /></I18nContextProvider> }
    });

    let select: web_sys::HtmlSelectElement = host
        .query_selector("select")
        .unwrap()
        .expect("a <select>")
        .unchecked_into();
    assert_eq!(select.options().length(), 5);
    let label = host.query_selector("label").unwrap().unwrap();
    assert_eq!(
        label.get_attribute("for").as_deref(),
        Some("language-select")
    );

    select.set_value("fr");
    select.dispatch_event(&bubbling_event("change")).unwrap();
    // The explicit choice is remembered for the next visit (the re-render and
    // <html lang> switch are covered end to end in real Chromium).
    assert_eq!(
        persist::browser_preferences().remembered.as_deref(),
        Some("fr")
    );
    let names: Vec<String> = (0..5)
        .filter_map(|i| select.options().item(i))
        .filter_map(|option| option.text_content())
        .collect();
    assert_eq!(names[0], "English");
    assert_eq!(names[2], "Français");
    assert!(names[4].starts_with("繁體中文"));
    drop(handle);
}

#[wasm_bindgen_test]
fn number_formats_are_kept_per_language_and_style() {
    use rewards_portal::i18n::{format, Locale};
    // Formatters are built once and reused: asking in any order must still give each
    // language and style its own options.
    assert_eq!(format::money(Locale::en, 6_150_000), "$61,500");
    assert_eq!(format::money(Locale::en, 6_150_050), "$61,500.50");
    assert_eq!(format::money(Locale::en, 6_150_000), "$61,500");
    assert_eq!(format::percent(Locale::en, 0.61), "61%");
    let french = format::money(Locale::fr, 6_150_000);
    assert!(
        french.starts_with("61") && french.ends_with('$') && !french.contains(','),
        "{french}"
    );
    assert_ne!(format::percent(Locale::fr, 0.61), "61%");
    assert_eq!(format::money_compact(Locale::en, 5_000_000), "$50K");
    assert_eq!(format::number(Locale::en, 1234), "1,234");
}

/// Resolves on the browser's next animation frame.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Lets queued microtasks (Leptos effects) run until `ready` holds.
async fn until(ready: impl Fn() -> bool) {
    for _ in 0..100 {
        if ready() {
            return;
        }
        let tick = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
        wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
    }
    panic!("condition not reached within 100 microtasks");
}

fn focused_id() -> Option<String> {
    document().active_element().map(|element| element.id())
}

#[wasm_bindgen_test]
async fn a_dialog_places_focus_once_and_keeps_focus_the_user_moved_first() {
    use rewards_portal::components::dialog::{Dialog, DialogBody, DialogSurface, DialogTitle};
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let open = RwSignal::new(false);
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        view! {
            <I18nContextProvider>
                <Dialog open>
                    <DialogSurface>
                        <DialogTitle>"Title"</DialogTitle>
                        <DialogBody>
                            <input id="dialog-first" />
                            <input id="dialog-second" />
                        </DialogBody>
                    </DialogSurface>
                </Dialog>
            </I18nContextProvider>
        }
    });
    let is_open = || document().query_selector("dialog[open]").unwrap().is_some();

    // Left alone, focus lands on the body's first field once the content has rendered.
    open.set(true);
    until(is_open).await;
    next_frame().await;
    next_frame().await;
    assert_eq!(focused_id().as_deref(), Some("dialog-first"));
    open.set(false);
    until(|| !is_open()).await;
    // The `close` event comes as a task of its own: let it pass before reopening.
    next_frame().await;

    // A user who reaches a field before that frame (WebKit under load paints late) keeps it.
    open.set(true);
    until(|| is_open() && document().get_element_by_id("dialog-second").is_some()).await;
    let second: web_sys::HtmlElement = document()
        .get_element_by_id("dialog-second")
        .expect("the dialog's content renders with it")
        .unchecked_into();
    second.focus().unwrap();
    next_frame().await;
    next_frame().await;
    assert_eq!(focused_id().as_deref(), Some("dialog-second"));
    open.set(false);
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_focus_move_on_the_next_frame_yields_to_a_user_who_moved_first() {
    use rewards_portal::components::focus::next_frame_unless_focus_moved;
    let host = document().create_element("div").unwrap();
    for (tag, id) in [
        ("h2", "step-heading"),
        ("input", "step-field"),
        ("button", "step-next"),
    ] {
        let child = document().create_element(tag).unwrap();
        child.set_id(id);
        child.set_attribute("tabindex", "-1").unwrap();
        host.append_child(&child).unwrap();
    }
    document().body().unwrap().append_child(&host).unwrap();
    let element = |id: &str| -> web_sys::HtmlElement {
        document().get_element_by_id(id).unwrap().unchecked_into()
    };
    let to_heading = || rewards_portal::components::focus::focus_by_id("step-heading");

    // Nobody moved: the heading takes focus on the next frame.
    element("step-next").focus().unwrap();
    next_frame_unless_focus_moved(to_heading);
    next_frame().await;
    next_frame().await;
    assert_eq!(focused_id().as_deref(), Some("step-heading"));

    // The user reached the field before that frame (and typed): focus stays there.
    element("step-next").focus().unwrap();
    next_frame_unless_focus_moved(to_heading);
    element("step-field").focus().unwrap();
    next_frame().await;
    next_frame().await;
    assert_eq!(focused_id().as_deref(), Some("step-field"));
    host.remove();
}

#[wasm_bindgen_test]
async fn render_later_adds_its_children_in_a_later_task_in_order() {
    use rewards_portal::components::render_later::RenderLater;
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), || {
        view! {
            <p id="now">"first screen"</p>
            <RenderLater><p id="later-1">"one"</p></RenderLater>
            <RenderLater><p id="later-2">"two"</p></RenderLater>
        }
    });
    // Same task as the mount: only what is not deferred.
    assert!(document().get_element_by_id("now").is_some());
    assert!(document().get_element_by_id("later-1").is_none());
    // Timers are tasks, not microtasks: wait frames.
    for _ in 0..10 {
        if document().get_element_by_id("later-2").is_some() {
            break;
        }
        next_frame().await;
    }
    let order: Vec<String> = (0..host.children().length())
        .filter_map(|i| host.children().item(i))
        .map(|child| child.id())
        .collect();
    assert_eq!(order, ["now", "later-1", "later-2"]);
    drop(handle);
    host.remove();
}
