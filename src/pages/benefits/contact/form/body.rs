//! The dialog's body: the summary, the conflict notice with its reload, the status line and
//! the inputs, once the contacts are loaded.

use leptos::html;
use leptos::prelude::*;
use rewards_core::model::Language;

use super::super::{labels, Load};
use super::choices::{ActionChoice, UserChoice};
use super::fields::{EMAIL_ID, LANGUAGE_ID, PHONE_ID, SEARCH_ID};
use super::state::FormState;
use super::submit::reload;
use crate::api::endpoints::wire_name;
use crate::components::async_view::{ErrorNotice, Loading};
use crate::components::form::{ErrorSummary, SelectField, TextField, UseSubmitReturn};
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn FormBody(form: FormState, submit: UseSubmitReturn) -> impl IntoView {
    let i18n = use_i18n();
    let errors = submit.errors;
    let FormState {
        fields,
        snapshot,
        conflict,
        reloading,
        reloaded,
        restored,
        search,
        ..
    } = form;
    let reload_button = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if conflict.get() {
            if let Some(button) = reload_button.get() {
                let _ = button.focus();
            }
        }
    });
    let on_reload = reload(form, submit);
    let prefill = Callback::new(move |choice: String| {
        snapshot.with_untracked(|s| fields.prefill(s.as_ref(), &choice))
    });
    let language_options = Signal::derive(move || {
        Language::ALL
            .iter()
            .map(|l| (wire_name(l), labels::language_name(i18n, *l).to_owned()))
            .collect::<Vec<_>>()
    });

    move || {
        let Some(data) = snapshot.get() else {
            return match form.load.get() {
                Load::Failed(error) => view! { <ErrorNotice error /> }.into_any(),
                _ => view! { <Loading /> }.into_any(),
            };
        };
        let users = data.users.clone();
        view! {
            <ErrorSummary errors />
            {move || conflict.get().then(|| view! {
                <div class="notice notice--error contact-dialog__conflict" role="alert">
                    <p>{t!(i18n, contact.dialog.conflict)}</p>
                    <button
                        type="button"
                        class="button"
                        node_ref=reload_button
                        disabled=move || reloading.get()
                        on:click=on_reload
                    >
                        {t!(i18n, contact.dialog.reload)}
                    </button>
                </div>
            })}
            <p class="contact-dialog__status" role="status">
                {move || reloaded.get().then_some(t!(i18n, contact.dialog.reloaded))}
                {move || restored.get().then_some(t!(i18n, resilience.draft.restored))}
            </p>
            {move || submit.failure.get().map(|error| view! { <ErrorNotice error /> })}
            <ActionChoice data=data.clone() target=fields.target errors prefill />
            <TextField
                id=SEARCH_ID
                label=Signal::derive(move || t_string!(i18n, contact.dialog.search))
                hint=Signal::derive(move || t_string!(i18n, contact.dialog.search_hint))
                value=search
                error=Signal::derive(|| None::<String>)
                input_type="search"
                autocomplete="off"
                optional=true
            />
            <UserChoice users search user_id=fields.user_id email=fields.email errors />
            <UsersAdminHint />
            <TextField
                id=EMAIL_ID
                label=Signal::derive(move || t_string!(i18n, contact.dialog.email))
                hint=Signal::derive(move || t_string!(i18n, contact.dialog.email_hint))
                value=fields.email
                error=errors.for_field(EMAIL_ID)
                input_type="email"
                autocomplete="off"
            />
            <TextField
                id=PHONE_ID
                label=Signal::derive(move || t_string!(i18n, contact.dialog.phone))
                hint=Signal::derive(move || t_string!(i18n, contact.dialog.phone_hint))
                value=fields.phone
                error=errors.for_field(PHONE_ID)
                input_type="tel"
                autocomplete="off"
            />
            <SelectField
                id=LANGUAGE_ID
                label=Signal::derive(move || t_string!(i18n, contact.dialog.language))
                value=fields.language
                error=errors.for_field(LANGUAGE_ID)
                options=language_options
                placeholder=Signal::derive(move || t_string!(i18n, contact.dialog.language_placeholder))
            />
        }
        .into_any()
    }
}

/// For a partner whose user is not in the list: where users are added (Partner Center's user
/// management, linked when `config.json` sets `usersAdminUrl`; it opens outside the portal).
#[component]
fn UsersAdminHint() -> impl IntoView {
    let i18n = use_i18n();
    let url = crate::embed::config::current().users_admin_url;
    view! {
        <p class="contact-dialog__users-hint field__hint">
            {t!(i18n, contact.dialog.users_missing)}
            {url.map(|url| view! {
                " "
                <a href=url target="_blank" rel="noopener noreferrer">
                    {t!(i18n, contact.dialog.users_admin_link)}
                </a>
            })}
        </p>
    }
}
