//! The error summary: a focused alert at the top of the form linking to each field.

use leptos::prelude::*;

use super::FormErrors;
use crate::components::page::use_page_errors;
use crate::i18n::{t, use_i18n};

#[component]
pub fn ErrorSummary(errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let container = NodeRef::<leptos::html::Div>::new();
    let page_errors = use_page_errors();

    // Take focus after every failed submit, and prefix <title> while errors show.
    Effect::new(move |_| {
        let attempt = errors.attempt();
        let has_errors = errors.has_errors();
        page_errors.set(has_errors);
        if has_errors && attempt > 0 {
            if let Some(el) = container.get() {
                let _ = el.focus();
            }
        }
    });
    on_cleanup(move || page_errors.set(false));

    view! {
        <div
            class="error-summary"
            node_ref=container
            tabindex="-1"
            role="alert"
            aria-labelledby="error-summary-title"
            hidden=move || !errors.has_errors()
        >
            <h2 id="error-summary-title" class="error-summary__title">
                {t!(i18n, common.form.summary_title)}
            </h2>
            <ul class="error-summary__list">
                <For
                    each=move || errors.messages()
                    key=|msg| (msg.field.clone(), msg.message.clone())
                    let:msg
                >
                    <li>
                        <a href=format!("#{}", msg.field) on:click=focus_field(msg.field.clone())>
                            {format!("{}: {}", msg.label, msg.message)}
                        </a>
                    </li>
                </For>
            </ul>
        </div>
    }
}

/// Focuses the field itself (the router would otherwise treat `#id` as navigation).
fn focus_field(id: String) -> impl Fn(leptos::ev::MouseEvent) {
    move |ev| {
        ev.prevent_default();
        crate::components::focus::focus_by_id(&id);
    }
}
