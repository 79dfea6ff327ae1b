//! Labelled inputs with hint and inline error, wired for assistive technology.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

fn described_by(id: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let parts: Vec<String> = [
        has_hint.then(|| format!("{id}-hint")),
        has_error.then(|| format!("{id}-error")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

#[component]
fn FieldChrome(
    id: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(optional_no_strip)] hint: Option<Signal<&'static str>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] optional: bool,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field" class:field--error=move || error.with(Option::is_some)>
            <label class="field__label" for=id>
                {move || label.get()}
                {optional.then(|| view! { " " <span class="field__optional">{t!(i18n, common.form.optional)}</span> })}
            </label>
            {hint.map(|hint| view! { <p class="field__hint" id=format!("{id}-hint")>{move || hint.get()}</p> })}
            {move || error.get().map(|message| view! {
                <p class="field__error" id=format!("{id}-error")>{message}</p>
            })}
            {children()}
        </div>
    }
}

#[component]
pub fn TextField(
    id: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into, optional)] hint: Option<Signal<&'static str>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] optional: bool,
    #[prop(optional)] list: Option<&'static str>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    view! {
        <FieldChrome id label hint=hint error optional>
            <input
                class="field__input"
                id=id
                name=id
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                list=list
                spellcheck=if input_type == "text" { None } else { Some("false") }
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || described_by(id, has_hint, error.with(Option::is_some))
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </FieldChrome>
    }
}

#[component]
pub fn TextAreaField(
    id: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into, optional)] hint: Option<Signal<&'static str>>,
    #[prop(default = 6)] rows: u32,
) -> impl IntoView {
    let has_hint = hint.is_some();
    view! {
        <FieldChrome id label hint=hint error>
            <textarea
                class="field__input field__input--multiline"
                id=id
                name=id
                rows=rows
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || described_by(id, has_hint, error.with(Option::is_some))
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </FieldChrome>
    }
}

/// A native select; `options` are (value, label) pairs, already localized.
#[component]
pub fn SelectField(
    id: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into, optional)] placeholder: Option<Signal<&'static str>>,
    #[prop(into, optional)] hint: Option<Signal<&'static str>>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    view! {
        <FieldChrome id label hint=hint error>
            <select
                class="field__input"
                id=id
                name=id
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || described_by(id, has_hint, error.with(Option::is_some))
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {placeholder.map(|p| view! {
                    <option value="" selected=move || value.with(String::is_empty)>{move || p.get()}</option>
                })}
                <For each=move || options.get() key=|(v, l)| (v.clone(), l.clone()) let:option>
                    {
                        let (option_value, option_label) = option;
                        let current = option_value.clone();
                        view! {
                            <option value=option_value selected=move || value.get() == current>
                                {option_label}
                            </option>
                        }
                    }
                </For>
            </select>
        </FieldChrome>
    }
}

/// A submit button that shows progress and cannot submit twice.
#[component]
pub fn SubmitButton(
    #[prop(into)] label: Signal<&'static str>,
    #[prop(into)] busy: Signal<bool>,
    #[prop(into, optional)] disabled: Signal<bool>,
    #[prop(optional)] id: Option<&'static str>,
    /// The id of a sentence saying why the button is disabled, while it is.
    #[prop(optional)]
    disabled_reason: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="submit"
            class="button button--primary"
            id=id
            aria-describedby=move || disabled_reason.filter(|_| disabled.get())
            disabled=move || busy.get() || disabled.get()
            aria-busy=move || busy.get().then_some("true")
        >
            {move || if busy.get() {
                view! { <span class="spinner" aria-hidden="true"></span> {t!(i18n, common.form.working)} }.into_any()
            } else {
                label.get().into_any()
            }}
        </button>
    }
}
