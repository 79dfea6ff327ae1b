//! A note on an open case: validated with the domain core's rule (the server runs the same),
//! sent with the intent's idempotency key; the answer is the case with the note.

use leptos::prelude::*;
use rewards_core::api::{problem_codes, CaseNoteCreate};
use rewards_core::validate::validate_case_note;

use super::{reload, Announcement, CaseState};
use crate::api::{endpoints, IdempotencyKey};
use crate::components::form::{
    use_submit, ErrorSummary, Fallback, FormField, SubmitButton, TextAreaField, UseSubmitOptions,
};
use crate::i18n::{t_string, use_i18n};

const NOTE_ID: &str = "case-note-text";
const SUBMIT_ID: &str = "case-note-submit";
const FIELDS: &[FormField] = &[FormField::new("text", NOTE_ID, |i18n| {
    t_string!(i18n, cases.notes.label)
})];

#[component]
pub(super) fn NoteForm(case_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<CaseState>();
    let text = RwSignal::new(String::new());
    // One key per note: a retry of the same note is replayed, not added twice.
    let key = StoredValue::new(IdempotencyKey::new());
    let submit = use_submit(
        UseSubmitOptions::new(FIELDS).fallback(Fallback::summary(SUBMIT_ID, |i18n| {
            t_string!(i18n, cases.notes.submit)
        })),
    );
    let case_id = StoredValue::new(case_id);
    let on_submit = submit.on_submit(move || {
        let body = CaseNoteCreate {
            text: text.get_untracked(),
        };
        if let Err(errors) = validate_case_note(&body.text) {
            return submit.show_field_errors(&errors);
        }
        let id = case_id.get_value();
        let intent = key.get_value();
        let request = async move { endpoints::add_case_note(&id, &body, &intent).await };
        submit.send(request, move |result| {
            match result {
                Ok(case) => {
                    key.set_value(IdempotencyKey::new());
                    text.set(String::new());
                    state.case.set(Some(case));
                    state.announcement.set(Some(Announcement::NoteAdded));
                }
                // Closed meanwhile by the Rewards team: show the case as it is now.
                Err(error) if error.code() == Some(problem_codes::CASE_NOT_OPEN) => {
                    reload(state, RwSignal::new(false), None);
                }
                Err(error) => return Err(error.into()),
            }
            Ok(())
        });
    });
    view! {
        <form class="case-notes__form" novalidate on:submit=on_submit>
            <ErrorSummary errors=submit.errors />
            <TextAreaField
                id=NOTE_ID
                label=Signal::derive(move || t_string!(i18n, cases.notes.label))
                hint=Signal::derive(move || t_string!(i18n, cases.notes.hint))
                value=text
                error=submit.errors.for_field(NOTE_ID)
                rows=4
            />
            <SubmitButton
                id=SUBMIT_ID
                label=Signal::derive(move || t_string!(i18n, cases.notes.submit))
                busy=submit.busy
            />
        </form>
    }
}
