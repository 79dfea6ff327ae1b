//! Standalone sign-in: email and password against the API.

use leptos::prelude::*;
use rewards_core::api::{problem_codes, SignInRequest};
use rewards_core::validate::validate_sign_in;

use crate::api::{endpoints, ApiError, IdempotencyKey};
use crate::components::form::{
    use_submit, ErrorSummary, Fallback, FormField, OnUnauthenticated, SubmitButton, TextField,
    UseSubmitOptions,
};
use crate::components::page::PageHeader;
use crate::i18n::{t, t_string, use_i18n};
use crate::session::use_session;

const EMAIL_ID: &str = "sign-in-email";
const PASSWORD_ID: &str = "sign-in-password";

/// Wire field names → inputs.
const FIELDS: &[FormField] = &[
    FormField::new("email", EMAIL_ID, |i18n| {
        t_string!(i18n, auth.sign_in.email)
    }),
    FormField::new("username", EMAIL_ID, |i18n| {
        t_string!(i18n, auth.sign_in.email)
    }),
    FormField::new("password", PASSWORD_ID, |i18n| {
        t_string!(i18n, auth.sign_in.password)
    }),
];

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submit = use_submit(
        UseSubmitOptions::new(FIELDS)
            .fallback(Fallback::summary(EMAIL_ID, |i18n| {
                t_string!(i18n, auth.sign_in.title)
            }))
            // A 401 here is a refused sign-in, not an ended session.
            .on_unauthenticated(OnUnauthenticated::OtherError),
    );
    let errors = submit.errors;
    let on_email = move |message: String| {
        errors.show_form_message(
            EMAIL_ID,
            t_string!(i18n, auth.sign_in.email).to_owned(),
            message,
        )
    };

    let on_submit = submit.on_submit(move || {
        let request = SignInRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        if let Err(field_errors) = validate_sign_in(&request.email, &request.password) {
            return submit.show_field_errors(&field_errors);
        }
        submit.send(
            async move { endpoints::sign_in(&request, &IdempotencyKey::new()).await },
            move |result| {
                match result {
                    Ok(response) => session.signed_in(response.me),
                    Err(error) if error.code() == Some(problem_codes::INVALID_CREDENTIALS) => {
                        on_email(t_string!(i18n, auth.sign_in.invalid_credentials).to_owned())
                    }
                    Err(error)
                        if error.code() == Some(problem_codes::TOO_MANY_SIGN_IN_ATTEMPTS) =>
                    {
                        on_email(too_many_attempts(i18n, &error))
                    }
                    Err(error) => return Err(error.into()),
                }
                Ok(())
            },
        );
    });

    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, auth.sign_in.title))
            intro=Signal::derive(move || t_string!(i18n, auth.sign_in.intro))
        />
        {move || session.just_signed_out().then(|| view! {
            <p class="notice notice--success" role="status">{t!(i18n, auth.sign_in.signed_out)}</p>
        })}
        {move || session.ended().then(|| view! {
            <p class="notice notice--warning" role="status">{t!(i18n, resilience.session.ended)}</p>
        })}
        <form class="form form--narrow" novalidate on:submit=on_submit>
            <ErrorSummary errors />
            <TextField
                id=EMAIL_ID
                label=Signal::derive(move || t_string!(i18n, auth.sign_in.email))
                value=email
                error=errors.for_field(EMAIL_ID)
                input_type="email"
                autocomplete="username"
            />
            <TextField
                id=PASSWORD_ID
                label=Signal::derive(move || t_string!(i18n, auth.sign_in.password))
                value=password
                error=errors.for_field(PASSWORD_ID)
                input_type="password"
                autocomplete="current-password"
            />
            <SubmitButton label=Signal::derive(move || t_string!(i18n, auth.sign_in.submit)) busy=submit.busy />
        </form>
    }
}

/// "Too many attempts … try again in 4 seconds", the wait from the server's `Retry-After`.
fn too_many_attempts(i18n: crate::i18n::I18n, error: &ApiError) -> String {
    let ApiError::Busy {
        retry_after_seconds: Some(seconds),
        ..
    } = error
    else {
        return t_string!(i18n, auth.sign_in.too_many_attempts).to_owned();
    };
    // Two halves around the wait, as elsewhere: no interpolation needed in t_string.
    format!(
        "{}{}{}",
        t_string!(i18n, auth.sign_in.too_many_wait_before),
        crate::i18n::format::seconds(i18n.get_locale_untracked(), *seconds),
        t_string!(i18n, auth.sign_in.too_many_wait_after)
    )
}
