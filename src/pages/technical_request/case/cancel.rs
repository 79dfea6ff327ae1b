//! Cancelling a case that is still submitted: a button, a confirm dialog, and the request
//! with the case's version as `If-Match` and the intent's idempotency key. When the Rewards
//! team got there first (409) or the case changed (412), the case is reloaded and the page
//! says why.

use leptos::prelude::*;
use rewards_core::api::{problem_codes, TechnicalRequestResponse};
use rewards_core::case::partner_can_cancel;

use super::{reload, Announcement, CaseState, CASE_HEADING_ID};
use crate::api::{endpoints, IdempotencyKey};
use crate::components::async_view::error_sentence;
use crate::components::dialog::{
    use_dialog, Dialog, DialogActions, DialogBody, DialogDescription, DialogSurface, DialogTitle,
};
use crate::components::form::{use_submit, OnUnauthenticated, SubmitButton, UseSubmitOptions};
use crate::i18n::{t, t_string, use_i18n};

const CANCEL_BUTTON_ID: &str = "case-cancel";

#[component]
pub(super) fn CancelCase(case: TechnicalRequestResponse) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<CaseState>();
    let open = RwSignal::new(false);
    if !partner_can_cancel(case.request.status) || !state.can_manage.get_untracked() {
        return ().into_any();
    }
    let case = StoredValue::new(case);
    view! {
        <div class="button-row case__actions">
            <button
                type="button"
                id=CANCEL_BUTTON_ID
                class="button button--danger"
                aria-haspopup="dialog"
                on:click=move |_| open.set(true)
            >
                {t!(i18n, cases.cancel.button)}
            </button>
        </div>
        <Dialog open return_focus=CASE_HEADING_ID>
            <DialogSurface class="confirm-dialog">
                <ConfirmCancel case=case.get_value() />
            </DialogSurface>
        </Dialog>
    }
    .into_any()
}

/// Rendered afresh at every opening, with the key of this intent (kept for its retries).
#[component]
fn ConfirmCancel(case: TechnicalRequestResponse) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<CaseState>();
    let dialog = use_dialog();
    let key = StoredValue::new(IdempotencyKey::new());
    let submit = use_submit(UseSubmitOptions::new(&[]).on_unauthenticated(
        OnUnauthenticated::Custom(Callback::new(move |()| {
            dialog.close();
            state.session.expired();
        })),
    ));
    let error = submit.failure;
    let number = case.request.case_number.clone();
    let id = case.request.id.clone();
    let version = case.request.version;
    let on_submit = submit.on_submit(move || {
        let id = id.clone();
        let intent = key.get_value();
        let request = async move { endpoints::cancel_case(&id, version, &intent).await };
        submit.send(request, move |result| {
            let done = match result {
                Ok(case) => {
                    state.case.set(Some(case));
                    Announcement::Cancelled
                }
                Err(e) if e.code() == Some(problem_codes::CASE_TRANSITION_NOT_ALLOWED) => {
                    Announcement::NotCancellable
                }
                Err(e) if e.is_version_conflict() => Announcement::Stale,
                Err(e) => return Err(e.into()),
            };
            dialog.close();
            if done == Announcement::Cancelled {
                state.announcement.set(Some(done));
            } else {
                reload(state, RwSignal::new(false), Some(done));
            }
            Ok(())
        });
    });
    view! {
        <form novalidate on:submit=on_submit>
            <DialogTitle>{t!(i18n, cases.cancel.dialog_title, case_number = move || number.clone())}</DialogTitle>
            <DialogDescription>{t!(i18n, cases.cancel.dialog_body)}</DialogDescription>
            <DialogBody>
                {move || error.get().map(|e| view! {
                    <div class="notice notice--error" role="alert">
                        <p>{error_sentence(i18n, &e)}</p>
                    </div>
                })}
            </DialogBody>
            <DialogActions>
                <SubmitButton
                    label=Signal::derive(move || t_string!(i18n, cases.cancel.confirm))
                    busy=submit.busy
                />
                <button type="button" class="button" on:click=move |_| dialog.close()>
                    {t!(i18n, cases.cancel.keep)}
                </button>
            </DialogActions>
        </form>
    }
}
