//! Opt out of an engagement: the row button on an activated or in-progress
//! benefit, the dialog asking why (a required choice, validated on submit)
//! and the polite announcement afterwards.

use leptos::prelude::*;
use rewards_core::api::OptOutRequest;
use rewards_core::timeline::OptOutReason;

use super::activation::{Target, LIST_HEADING_ID};
use super::cause::opt_out_reason_label;
use super::labels::display_name;
use super::table::{TableState, READ_ONLY_NOTE_ID};
use crate::api::{endpoints, IdempotencyKey};
use crate::components::async_view::error_sentence;
use crate::components::dialog::{
    use_dialog, Dialog, DialogActions, DialogBody, DialogClose, DialogDescription, DialogSurface,
    DialogTitle,
};
use crate::components::form::{
    use_submit, ErrorSummary, FormField, OnUnauthenticated, SubmitButton, UseSubmitOptions,
};
use crate::i18n::{t, t_string, use_i18n, I18n};
use crate::session::use_session;

const REASON_ID: &str = "opt-out-reason";
const FIELDS: &[FormField] = &[FormField::new("reason", REASON_ID, reason_legend)];

fn reason_legend(i18n: I18n) -> &'static str {
    t_string!(i18n, timeline.opt_out.reason_legend)
}

#[derive(Clone, Copy)]
struct OptOutState {
    open: RwSignal<bool>,
    target: RwSignal<Option<Target>>,
    /// The benefit opted out of, for the announcement.
    done: RwSignal<Option<Target>>,
}

pub fn provide_opt_out() {
    provide_context(OptOutState {
        open: RwSignal::new(false),
        target: RwSignal::new(None),
        done: RwSignal::new(None),
    });
}

/// "Opt out" on an activated or in-progress benefit; disabled for read-only
/// roles, described by the sentence naming who can act.
#[component]
pub fn OptOutButton(target: Target, name_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<OptOutState>();
    let table = expect_context::<TableState>();
    let can = move || table.can_manage.try_get().unwrap_or(false);
    let described_by = move || {
        if can() {
            name_id.clone()
        } else {
            format!("{name_id} {READ_ONLY_NOTE_ID}")
        }
    };
    view! {
        <button
            type="button"
            class="button button--quiet"
            disabled=move || !can()
            aria-describedby=described_by
            on:click=move |_| {
                state.done.set(None);
                state.target.set(Some(target.clone()));
                state.open.set(true);
            }
        >
            {t!(i18n, timeline.row.opt_out)}
        </button>
    }
}

/// The announcement after an opt-out (polite).
#[component]
pub fn OptOutNotice() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<OptOutState>();
    view! {
        <div class="opt-out-announcer" role="status" aria-live="polite">
            {move || state.done.get().map(|target| {
                let name = move || display_name(i18n, &target.key, &target.english);
                view! { <p class="notice notice--success">{t!(i18n, timeline.opt_out.done, name)}</p> }
            })}
        </div>
    }
}

/// The dialog, one per table.
#[component]
pub fn OptOutDialog() -> impl IntoView {
    let state = expect_context::<OptOutState>();
    view! {
        <Dialog open=state.open return_focus=LIST_HEADING_ID>
            <DialogSurface class="confirm-dialog">
                <OptOutForm />
            </DialogSurface>
        </Dialog>
    }
}

/// Rendered afresh at every opening, with its own idempotency key.
#[component]
fn OptOutForm() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<OptOutState>();
    let table = expect_context::<TableState>();
    let session = use_session();
    let dialog = use_dialog();
    let Some(target) = state.target.get_untracked() else {
        return ().into_any();
    };
    let key = StoredValue::new(IdempotencyKey::new());
    let reason = RwSignal::new(None::<OptOutReason>);
    let submit = use_submit(UseSubmitOptions::new(FIELDS).on_unauthenticated(
        OnUnauthenticated::Custom(Callback::new(move |()| {
            dialog.close();
            session.expired();
        })),
    ));
    let errors = submit.errors;
    let error = errors.for_field(REASON_ID);
    let failure = submit.failure;
    let name = {
        let target = target.clone();
        move || display_name(i18n, &target.key, &target.english)
    };
    let on_submit = submit.on_submit(move || {
        let Some(reason) = reason.get_untracked() else {
            errors.show_form_message(
                REASON_ID,
                reason_legend(i18n).to_owned(),
                t_string!(i18n, timeline.opt_out.reason_required).to_owned(),
            );
            return;
        };
        let target = target.clone();
        let id = target.id.clone();
        let key = key.get_value();
        let request = async move { endpoints::opt_out(&id, &OptOutRequest { reason }, &key).await };
        submit.send(request, move |result| {
            result?;
            table.focus_row.set_value(Some(target.id.clone()));
            state.done.set(Some(target));
            dialog.close();
            table.list.refetch();
            Ok(())
        });
    });
    let radios = OptOutReason::ALL
        .into_iter()
        .map(|value| {
            let id = format!("{REASON_ID}-{}", crate::api::endpoints::wire_name(&value));
            view! {
                <li class="choice">
                    <input
                        type="radio"
                        class="choice__input"
                        name=REASON_ID
                        id=id.clone()
                        prop:checked=move || reason.get() == Some(value)
                        on:change=move |_| reason.set(Some(value))
                    />
                    <label class="choice__label" for=id>{move || opt_out_reason_label(i18n, value)}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <form novalidate on:submit=on_submit>
            <DialogTitle>{t!(i18n, timeline.opt_out.title, name)}</DialogTitle>
            <DialogDescription>{t!(i18n, timeline.opt_out.body)}</DialogDescription>
            <DialogBody>
                <ErrorSummary errors />
                {move || failure.get().map(|e| view! {
                    <div class="notice notice--error" role="alert">
                        <p>{t!(i18n, timeline.opt_out.error)} " " {error_sentence(i18n, &e)}</p>
                    </div>
                })}
                <fieldset
                    class="field choice-group"
                    class:field--error=move || error.with(Option::is_some)
                    id=REASON_ID
                    tabindex="-1"
                    aria-describedby=move || error.with(Option::is_some).then(|| format!("{REASON_ID}-error"))
                >
                    <legend class="field__label">{move || reason_legend(i18n)}</legend>
                    {move || error.get().map(|message| view! {
                        <p class="field__error" id=format!("{REASON_ID}-error")>{message}</p>
                    })}
                    <ul class="choice-group__list">{radios}</ul>
                </fieldset>
            </DialogBody>
            <DialogActions>
                <SubmitButton
                    label=Signal::derive(move || t_string!(i18n, timeline.opt_out.confirm))
                    busy=submit.busy
                />
                <DialogClose />
            </DialogActions>
        </form>
    }
    .into_any()
}
