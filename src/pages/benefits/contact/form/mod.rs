//! The Assign user dialog's form: choose a user (searchable), email, phone and
//! preferred language; add a contact or replace one. Validated with the
//! domain core on submit; a 412 keeps the entries and offers a reload.
//!
//! `fields` (ids, wire names, signals, draft), `state` (what the parts share, the intent and
//! its draft), `submit` (sending, the answers, the reload), `body` and `choices` (the view).

mod body;
mod choices;
mod fields;
mod state;
mod submit;

use leptos::prelude::*;

use super::{Contacts, Load};
use crate::components::dialog::{
    DialogActions, DialogBody, DialogClose, DialogDescription, DialogTitle,
};
use crate::components::form::SubmitButton;
use crate::components::who_can_act::{Acting, PeopleWhoCanAct};
use crate::i18n::{t, t_string, use_i18n};
use crate::session::use_session;
use body::FormBody;
use fields::SUBMIT_ID;
use state::FormState;

/// Rendered inside the dialog surface, so every opening starts afresh
/// (new idempotency key, entries, version snapshot).
#[component]
pub fn AssignContactForm(
    state: RwSignal<Load>,
    on_saved: Callback<(Contacts, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let user_id = session.with_me(|me| me.user.id.clone()).unwrap_or_default();
    let form = FormState::new(state, user_id);
    state::take_data(form);
    state::keep_draft(form);
    let (submit, on_submit) = submit::use_contact_submit(form, on_saved);

    let can_manage = move || session.with_me(|me| me.can_manage_rewards).unwrap_or(false);

    view! {
        <DialogTitle>{t!(i18n, contact.dialog.title)}</DialogTitle>
        <DialogDescription>{t!(i18n, contact.dialog.intro)}</DialogDescription>
        {move || if can_manage() {
            view! {
                <form class="dialog__form" novalidate on:submit=on_submit.clone()>
                    <DialogBody><FormBody form submit /></DialogBody>
                    <DialogActions>
                        <DialogClose />
                        <SubmitButton
                            id=SUBMIT_ID
                            label=Signal::derive(move || t_string!(i18n, contact.dialog.submit))
                            busy=submit.busy
                            disabled=Signal::derive(move || {
                                // try_*: the session may end while the dialog closes.
                                form.snapshot.try_with(Option::is_none).unwrap_or(true)
                                    || form.reloading.try_get().unwrap_or(true)
                            })
                        />
                    </DialogActions>
                </form>
            }
            .into_any()
        } else {
            view! {
                <DialogBody>
                    <p class="notice">
                        {t!(i18n, contact.dialog.read_only)} " "
                        <PeopleWhoCanAct acting=Acting::Rewards />
                    </p>
                </DialogBody>
                <DialogActions>
                    <DialogClose>{t!(i18n, common.form.close)}</DialogClose>
                </DialogActions>
            }
            .into_any()
        }}
    }
}
