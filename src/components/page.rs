//! Page frame: a focusable heading, an intro and the document title.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};

/// Renders the page's `<h1>` and keeps `document.title` in step with it.
#[component]
pub fn PageHeader(
    #[prop(into)] title: Signal<&'static str>,
    #[prop(into, optional)] intro: Option<Signal<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let app = t_string!(i18n, app.name);
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{} – {app}", title.get()));
        }
    });
    view! {
        <header class="page-header">
            <h1 tabindex="-1">{move || title.get()}</h1>
            {intro.map(|intro| view! { <p class="page-header__intro">{move || intro.get()}</p> })}
        </header>
    }
}
