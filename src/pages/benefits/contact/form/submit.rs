//! Saving the contact: validated with the domain core, sent with this opening's intent and
//! the version the dialog was loaded at; a 412 (or 404) keeps the entries and offers a
//! reload, which takes the current contacts and version.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rewards_core::validate::{validate_marketing_contact, ContactInput, ErrorCode};

use super::super::{fetch_contacts, Contacts, Load};
use super::fields::{ADD, FIELDS, SUBMIT_ID};
use super::state::FormState;
use crate::api::endpoints;
use crate::components::dialog::use_dialog;
use crate::components::focus::focus_by_id;
use crate::components::form::{use_submit, OnUnauthenticated, UseSubmitOptions, UseSubmitReturn};
use crate::session::use_session;

/// The dialog's submit state and its `on:submit`; `on_saved` gets the saved contacts and
/// the name of the user who became a contact.
pub fn use_contact_submit(
    form: FormState,
    on_saved: Callback<(Contacts, String)>,
) -> (
    UseSubmitReturn,
    impl Fn(leptos::ev::SubmitEvent) + Clone + 'static,
) {
    let session = use_session();
    let dialog = use_dialog();
    let keep_draft = form.intent.keep_draft;
    let end_session = Callback::new(move |()| {
        // Close the dialog first and end the session on the next frame: tearing
        // both down in one tick let views read signals already disposed.
        keep_draft.set_value(true);
        dialog.close();
        request_animation_frame(move || session.expired());
    });
    let submit = use_submit(
        UseSubmitOptions::new(FIELDS).on_unauthenticated(OnUnauthenticated::Custom(end_session)),
    );

    let on_submit = submit.on_submit(move || {
        if form.reloading.get_untracked() {
            return;
        }
        let Some(data) = form.snapshot.get_untracked() else {
            return;
        };
        let entries = form.fields.draft_untracked();
        let replace = Some(entries.target.clone()).filter(|t| t != ADD);
        let input = ContactInput {
            user_id: entries.user_id.clone(),
            email: entries.email.clone(),
            phone: entries.phone.clone(),
            preferred_language: entries.language.clone(),
        };
        let account_email = session
            .with_me(|me| me.company.account_email.clone())
            .unwrap_or_default();
        if !passes_checks(
            form,
            submit,
            &data,
            &input,
            &account_email,
            replace.as_deref(),
        ) {
            return;
        }
        form.conflict.set(false);
        form.reloaded.set(false);
        form.intent.sent.set_value(true);
        form.intent.save(entries);
        let key = form.intent.key.get_value();
        let version = data.version;
        let body = input.clone();
        let request = async move {
            match &replace {
                Some(id) => endpoints::replace_contact(id, &body, version, &key).await,
                None => endpoints::add_contact(&body, version, &key).await,
            }
        };
        submit.send(request, move |result| {
            match result {
                Ok(saved) => {
                    let name = data
                        .users
                        .iter()
                        .find(|u| u.id == input.user_id)
                        .map(|u| u.display_name.clone())
                        .unwrap_or_else(|| input.email.clone());
                    let contacts = Contacts {
                        contacts: saved.contacts,
                        version: saved.version,
                        users: data.users,
                    };
                    on_saved.run((contacts, name));
                }
                // Someone else changed (or removed) the contacts meanwhile.
                Err(error) if error.is_version_conflict() || error.status() == Some(404) => {
                    form.conflict.set(true)
                }
                Err(error) => return Err(error.into()),
            }
            Ok(())
        });
    });
    (submit, on_submit)
}

/// The core's checks against the other contacts; shows what fails. A resend of an intent
/// that may already be applied (e.g. the answer was lost before a reload) would look like a
/// duplicate of itself: the server replays it or judges it.
fn passes_checks(
    form: FormState,
    submit: UseSubmitReturn,
    data: &Contacts,
    input: &ContactInput,
    account_email: &str,
    replace: Option<&str>,
) -> bool {
    let others: Vec<_> = data
        .contacts
        .iter()
        .filter(|c| Some(c.id.as_str()) != replace)
        .cloned()
        .collect();
    let Err(field_errors) = validate_marketing_contact(input, account_email, &others) else {
        return true;
    };
    let only_duplicates = field_errors.iter().all(|e| {
        matches!(
            e.code,
            ErrorCode::DuplicateContact | ErrorCode::TooManyContacts
        )
    });
    if form.intent.sent.get_value() && only_duplicates {
        return true;
    }
    submit.show_field_errors(&field_errors);
    false
}

/// Reloads the current contacts and version, keeping what the user typed.
pub fn reload(form: FormState, submit: UseSubmitReturn) -> impl Fn(leptos::ev::MouseEvent) + Copy {
    let session = use_session();
    move |_| {
        if form.reloading.get_untracked() {
            return;
        }
        form.reloading.set(true);
        spawn_local(async move {
            match fetch_contacts().await {
                Ok(data) => {
                    let target = form.fields.target;
                    let current = target.get_untracked();
                    if current != ADD && !data.contacts.iter().any(|c| c.id == current) {
                        target.set(
                            data.contacts
                                .first()
                                .map(|c| c.id.clone())
                                .unwrap_or_else(|| ADD.to_owned()),
                        );
                    }
                    form.load.set(Load::Loaded(data.clone()));
                    form.snapshot.set(Some(data));
                    form.conflict.set(false);
                    form.reloaded.set(true);
                    focus_by_id(SUBMIT_ID);
                }
                Err(error) if error.is_unauthenticated() => session.expired(),
                Err(error) => submit.failure.set(Some(error)),
            }
            form.reloading.set(false);
        });
    }
}
