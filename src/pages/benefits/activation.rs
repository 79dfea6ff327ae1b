//! Activate: the row button, the confirmation dialog and what follows — a
//! polite announcement on success, or a sentence saying why not.

use leptos::prelude::*;
use rewards_core::activation::ActivationBlocked;
use rewards_core::model::BenefitCategory;

use super::contact::use_contact_dialog;
use super::labels::{blocker_from_code, blocker_view, display_name};
use super::table::{TableState, READ_ONLY_NOTE_ID};
use crate::api::{endpoints, ApiError, IdempotencyKey};
use crate::components::async_view::error_sentence;
use crate::components::dialog::{
    use_dialog, Dialog, DialogActions, DialogBody, DialogClose, DialogDescription, DialogSurface,
    DialogTitle,
};
use crate::components::form::{use_submit, OnUnauthenticated, SubmitButton, UseSubmitOptions};
use crate::i18n::{t, t_string, use_i18n};
use crate::session::use_session;

/// Where focus goes when the dialog closes and its opener has gone.
pub(super) const LIST_HEADING_ID: &str = "benefit-list-heading";

/// The benefit the user asked to activate.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub id: String,
    pub key: String,
    /// The server's English name, for keys this build cannot translate.
    pub english: String,
    pub category: BenefitCategory,
}

#[derive(Debug, Clone, PartialEq)]
struct Blocked {
    target: Target,
    blocker: Option<ActivationBlocked>,
}

#[derive(Clone, Copy)]
struct ActivationState {
    open: RwSignal<bool>,
    target: RwSignal<Option<Target>>,
    /// Set after a successful activation (the category picks the sentence).
    activated: RwSignal<Option<BenefitCategory>>,
    blocked: RwSignal<Option<Blocked>>,
}

pub fn provide_activation() {
    provide_context(ActivationState {
        open: RwSignal::new(false),
        target: RwSignal::new(None),
        activated: RwSignal::new(None),
        blocked: RwSignal::new(None),
    });
}

/// "Activate" on an available benefit; disabled for read-only roles, with
/// the sentence naming who can act as its description.
#[component]
pub fn ActivateButton(target: Target, name_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ActivationState>();
    let table = expect_context::<TableState>();
    let described_by = move || {
        // try_get: a session that ends tears the table down while this updates.
        if table.can_manage.try_get().unwrap_or(false) {
            name_id.clone()
        } else {
            format!("{name_id} {READ_ONLY_NOTE_ID}")
        }
    };
    view! {
        <button
            type="button"
            class="button button--primary"
            disabled=move || !table.can_manage.try_get().unwrap_or(false)
            aria-describedby=described_by
            on:click=move |_| {
                state.activated.set(None);
                state.blocked.set(None);
                state.target.set(Some(target.clone()));
                state.open.set(true);
            }
        >
            {t!(i18n, benefits.table.activate)}
        </button>
    }
}

/// The confirmation dialog, one per table.
#[component]
pub fn ConfirmActivationDialog() -> impl IntoView {
    let state = expect_context::<ActivationState>();
    view! {
        <Dialog open=state.open return_focus=LIST_HEADING_ID>
            <DialogSurface class="confirm-dialog">
                <ConfirmContent />
            </DialogSurface>
        </Dialog>
    }
}

/// Rendered afresh at every opening: the idempotency key of this intent is
/// made here and reused if the user retries after a failure.
#[component]
fn ConfirmContent() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ActivationState>();
    let table = expect_context::<TableState>();
    let session = use_session();
    let dialog = use_dialog();
    let Some(target) = state.target.get_untracked() else {
        return ().into_any();
    };
    let key = StoredValue::new(IdempotencyKey::new());
    let submit = use_submit(UseSubmitOptions::new(&[]).on_unauthenticated(
        OnUnauthenticated::Custom(Callback::new(move |()| {
            dialog.close();
            session.expired();
        })),
    ));
    let error = submit.failure;
    let name = {
        let target = target.clone();
        move || display_name(i18n, &target.key, &target.english)
    };
    let category = target.category;

    let on_submit = submit.on_submit(move || {
        let target = target.clone();
        let id = target.id.clone();
        let key = key.get_value();
        // A refusal by the rules is an answer of its own: why, from the benefit's details.
        let request = async move {
            match endpoints::activate(&id, &key).await {
                Ok(_) => Ok(None),
                Err(e) if is_blocked(&e) => Ok(Some(why_blocked(&id, e.code()).await)),
                Err(e) => Err(e),
            }
        };
        submit.send(request, move |result| {
            let blocked = result?;
            table.focus_row.set_value(Some(target.id.clone()));
            match blocked {
                None => state.activated.set(Some(target.category)),
                Some(blocker) => state.blocked.set(Some(Blocked { target, blocker })),
            }
            dialog.close();
            table.list.refetch();
            Ok(())
        });
    });

    view! {
        <form novalidate on:submit=on_submit>
            <DialogTitle>{t!(i18n, benefits.confirm.title, name = name.clone())}</DialogTitle>
            <DialogDescription>
                {match category {
                    BenefitCategory::SalesMarketing => t!(i18n, benefits.confirm.body_sales_marketing).into_any(),
                    BenefitCategory::Technical => t!(i18n, benefits.confirm.body_technical).into_any(),
                }}
            </DialogDescription>
            <DialogBody>
                {move || error.get().map(|e| view! {
                    <div class="notice notice--error" role="alert">
                        <p>{t!(i18n, benefits.confirm.error)} " " {error_sentence(i18n, &e)}</p>
                    </div>
                })}
            </DialogBody>
            <DialogActions>
                <SubmitButton
                    label=Signal::derive(move || t_string!(i18n, benefits.confirm.activate))
                    busy=submit.busy
                />
                <DialogClose />
            </DialogActions>
        </form>
    }
    .into_any()
}

/// A refusal by the activation rules (rather than a fault): the problem
/// carries the rule's code.
fn is_blocked(error: &ApiError) -> bool {
    matches!(error.status(), Some(403 | 409 | 422))
        && error
            .code()
            .is_some_and(|code| !code.starts_with("idempotency") && !error.is_version_conflict())
}

/// The precise blocker (with the tier or condition) from the benefit's
/// details, or else what the problem code alone says.
async fn why_blocked(id: &str, code: Option<&str>) -> Option<ActivationBlocked> {
    let from_code = code.and_then(blocker_from_code);
    match endpoints::benefit(id).await {
        Ok(detail) => detail.activation_blocker.or(from_code),
        Err(_) => from_code,
    }
}

/// The success announcement (polite) and the reason for a refusal (alert).
#[component]
pub fn ActivationNotices() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<ActivationState>();
    let contact = use_contact_dialog();
    view! {
        <div class="benefit-announcer" role="status" aria-live="polite">
            {move || state.activated.get().map(|category| view! {
                <p class="notice notice--success">
                    {match category {
                        BenefitCategory::SalesMarketing => t!(i18n, benefits.announce.activated).into_any(),
                        BenefitCategory::Technical => t!(i18n, benefits.announce.activated_technical).into_any(),
                    }}
                </p>
            })}
        </div>
        {move || state.blocked.get().map(|Blocked { target, blocker }| {
            let name = move || display_name(i18n, &target.key, &target.english);
            let needs_contact = blocker == Some(ActivationBlocked::MarketingContactRequired);
            view! {
                <div class="notice notice--warning benefit-blocked" role="alert">
                    <p class="benefit-blocked__title">{t!(i18n, benefits.blocked.title, name)}</p>
                    <p>
                        {match blocker {
                            Some(blocker) => blocker_view(i18n, blocker),
                            None => t!(i18n, benefits.blocked.other).into_any(),
                        }}
                    </p>
                    <div class="button-row">
                        {needs_contact.then(|| view! {
                            <button type="button" class="button button--primary" on:click=move |_| contact.open()>
                                {t!(i18n, benefits.blocked.assign_contact)}
                            </button>
                        })}
                        <button type="button" class="button button--quiet" on:click=move |_| state.blocked.set(None)>
                            {t!(i18n, benefits.blocked.dismiss)}
                        </button>
                    </div>
                </div>
            }
        })}
    }
}
