//! Step 2: the tenant admin's user name and password, verified by the API
//! (the request and its answers are in [`super::submit::associate`]).

use leptos::prelude::*;

use super::super::draft::Step;
use super::steps::{StepButtons, StepHeading};
use super::submit::use_associate;
use super::WizardState;
use crate::api::IdempotencyKey;
use crate::components::form::{ErrorSummary, FormField, TextField, UseSubmitReturn};
use crate::i18n::{t, t_string, use_i18n};

pub(super) const USERNAME_ID: &str = "tenant-username";
pub(super) const PASSWORD_ID: &str = "tenant-password";

/// Wire field names → this step's inputs.
pub(super) const CREDENTIAL_FIELDS: &[FormField] = &[
    FormField::new("username", USERNAME_ID, |i18n| {
        t_string!(i18n, tenants.credentials.username)
    }),
    FormField::new("password", PASSWORD_ID, |i18n| {
        t_string!(i18n, tenants.credentials.password)
    }),
];

/// The credentials step's own state; the submit logic updates it too.
#[derive(Clone, Copy)]
pub(super) struct CredentialsForm {
    /// Shows into the wizard's shared credential errors.
    pub submit: UseSubmitReturn,
    /// Set when the tenant rejected the credentials: the password field asks
    /// for the password again (the summary and the user name say what failed).
    pub rejected: RwSignal<bool>,
    /// The key of a submission that got no answer (network), reused if the
    /// same domain and user name are submitted again; otherwise each
    /// submission is a new intent with a new key.
    pub unanswered: StoredValue<Option<(String, String, IdempotencyKey)>>,
}

#[component]
pub(super) fn CredentialsStep(state: WizardState) -> impl IntoView {
    let i18n = use_i18n();
    let (form, on_submit) = use_associate(state);
    let CredentialsForm {
        submit, rejected, ..
    } = form;
    let errors = submit.errors;
    let busy = submit.busy;
    let username_error = errors.for_field(USERNAME_ID);
    let password_error = {
        let own = errors.for_field(PASSWORD_ID);
        Signal::derive(move || {
            own.get().or_else(|| {
                rejected
                    .get()
                    .then(|| t_string!(i18n, tenants.credentials.reenter).to_owned())
            })
        })
    };

    let back = move |_| {
        errors.clear();
        state.go(Step::Domain);
    };
    let domain = move || state.domain.get();

    view! {
        // POST, so that even without script the password could never end up in the URL.
        <form class="form wizard__form" method="post" novalidate on:submit=on_submit aria-labelledby=Step::Credentials.heading_id()>
            <StepHeading step=Step::Credentials />
            <ErrorSummary errors />
            <p>
                {t!(i18n, tenants.credentials.intro, domain = domain)}
            </p>
            <TextField
                id=USERNAME_ID
                label=Signal::derive(move || t_string!(i18n, tenants.credentials.username))
                hint=Signal::derive(move || t_string!(i18n, tenants.credentials.username_hint))
                value=state.username
                error=username_error
                input_type="email"
                autocomplete="username"
            />
            <TextField
                id=PASSWORD_ID
                label=Signal::derive(move || t_string!(i18n, tenants.credentials.password))
                value=state.password
                error=password_error
                input_type="password"
                autocomplete="current-password"
            />
            <StepButtons state submit_label=Signal::derive(move || t_string!(i18n, tenants.credentials.submit)) busy back />
        </form>
    }
}
