//! Filing the request: validated with the domain core (the same code the server runs), sent
//! with the intent's idempotency key, and the answer's own problem codes.

use leptos::prelude::*;
use rewards_core::api::{problem_codes, TechnicalRequestResponse};
use rewards_core::validate::validate_technical_request;

use super::fields::{DraftStore, Fields, FIELDS, SUBMIT_ID};
use super::input::{request_input, route_product_errors};
use crate::api::endpoints;
use crate::components::form::{use_submit, Fallback, UseSubmitOptions, UseSubmitReturn};
use crate::i18n::{t_string, use_i18n};

/// What the form does once the server has answered.
#[derive(Clone, Copy)]
pub struct Outcomes {
    /// Called with the server's answer once the request is filed.
    pub on_submitted: Callback<TechnicalRequestResponse>,
    /// Called when an earlier attempt turns out to have gone through.
    pub on_refresh_list: Callback<()>,
}

/// The form's submit state and its `on:submit`.
pub fn use_request_submit(
    fields: Fields,
    store: DraftStore,
    can_submit: Signal<bool>,
    outcomes: Outcomes,
) -> (
    UseSubmitReturn,
    impl Fn(leptos::ev::SubmitEvent) + Clone + 'static,
) {
    let i18n = use_i18n();
    let submit = use_submit(
        UseSubmitOptions::new(FIELDS).fallback(Fallback::summary(SUBMIT_ID, |i18n| {
            t_string!(i18n, technical.form.submit)
        })),
    );
    let on_submit = submit.on_submit(move || {
        if !can_submit.get_untracked() {
            return;
        }
        let current = fields.draft_untracked();
        let ticked = current.products.len();
        let input = request_input(&current);
        if let Err(field_errors) = validate_technical_request(&input) {
            return submit.show_field_errors(&route_product_errors(&field_errors, ticked));
        }
        let intent = store.intent();
        store.save(current);
        let request = async move { endpoints::create_technical_request(&input, &intent).await };
        submit.send(request, move |result| {
            match result {
                Ok(response) => {
                    store.forget_key();
                    store.clear();
                    outcomes.on_submitted.run(response);
                }
                Err(error) if error.code() == Some(problem_codes::IDEMPOTENCY_KEY_REUSED) => {
                    // The first attempt did reach the server; a new submit is a new intent.
                    store.forget_key();
                    store.save(fields.draft_untracked());
                    outcomes.on_refresh_list.run(());
                    submit.show_message(t_string!(i18n, technical.form.key_reused).to_owned());
                }
                Err(error) if error.code() == Some(problem_codes::READ_ONLY_ROLE) => submit
                    .show_message(t_string!(i18n, technical.form.read_only_refused).to_owned()),
                Err(error) if !error.field_errors().is_empty() && !error.is_unauthenticated() => {
                    let routed = route_product_errors(error.field_errors(), ticked);
                    submit.show_field_errors(&routed);
                }
                Err(error) => return Err(error.into()),
            }
            Ok(())
        });
    });
    (submit, on_submit)
}
