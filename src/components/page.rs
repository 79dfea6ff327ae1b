//! Page frame: a focusable heading, an intro and the document title.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};

/// Whether the current page shows form errors (for the `<title>` prefix).
#[derive(Debug, Clone, Copy)]
pub struct PageErrors(RwSignal<bool>);

impl PageErrors {
    pub fn set(&self, has_errors: bool) {
        self.0.set(has_errors);
    }
}

pub fn provide_page_errors() {
    provide_context(PageErrors(RwSignal::new(false)));
}

pub fn use_page_errors() -> PageErrors {
    use_context::<PageErrors>().unwrap_or_else(|| PageErrors(RwSignal::new(false)))
}

thread_local! {
    /// Whether a page heading has rendered before: the first one must not steal
    /// focus on page load, later ones take it so screen readers announce the new page.
    static HEADING_SEEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Renders the page's `<h1>` and keeps `document.title` in step with it.
#[component]
pub fn PageHeader(
    #[prop(into)] title: Signal<&'static str>,
    #[prop(into, optional)] intro: Option<Signal<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let errors = use_page_errors();
    Effect::new(move |_| {
        let app = t_string!(i18n, common.app.name);
        let prefix = if errors.0.get() {
            format!("{} ", t_string!(i18n, common.form.title_prefix))
        } else {
            String::new()
        };
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{prefix}{} – {app}", title.get()));
        }
    });
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |_| {
        if let Some(h1) = heading.get() {
            if HEADING_SEEN.with(|seen| seen.replace(true)) {
                focus_when_attached(h1.into());
            }
        }
    });
    view! {
        <header class="page-header">
            <h1 tabindex="-1" node_ref=heading>{move || title.get()}</h1>
            {intro.map(|intro| view! { <p class="page-header__intro">{move || intro.get()}</p> })}
        </header>
    }
}

/// Frames a new page may take to be attached (about two seconds).
const ATTACH_FRAMES: u32 = 120;

/// Focuses `element` once it is in the document. A split route builds its page before the
/// router swaps it in, so the new page's effects can run while it is still detached (and an
/// id lookup would still find the old page's element).
pub fn focus_when_attached(element: web_sys::HtmlElement) {
    fn attempt(element: web_sys::HtmlElement, frames_left: u32) {
        if element.is_connected() {
            let _ = element.focus();
        } else if frames_left > 0 {
            request_animation_frame(move || attempt(element, frames_left - 1));
        }
    }
    attempt(element, ATTACH_FRAMES);
}
