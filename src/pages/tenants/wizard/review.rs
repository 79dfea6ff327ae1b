//! Step 3: the organisation and domain the credentials belong to, confirmed
//! by the admin (the request is in [`super::submit::confirm`]).

use crate::components::link::A;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::super::draft::{Pending, Step};
use super::steps::StepHeading;
use super::submit::{self, ConfirmProblem};
use super::{load_tenants, WizardState};
use crate::api::IdempotencyKey;
use crate::components::async_view::error_sentence;
use crate::components::form::SubmitButton;
use crate::i18n::{t, t_string, use_i18n};
use crate::paths;
use crate::session::use_session;

#[component]
pub(super) fn ReviewStep(state: WizardState, pending: Pending) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // One key for this confirmation, reused for its retries.
    let key = StoredValue::new(IdempotencyKey::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<ConfirmProblem>);
    let association_id = StoredValue::new(pending.association_id.clone());

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let id = association_id.get_value();
        let key = key.get_value();
        spawn_local(async move {
            let result = submit::confirm(state, &id, &key).await;
            busy.set(false);
            match result {
                Ok(list) => {
                    state.tenants.set(Some(list));
                    state.go(Step::Done);
                }
                Err(error) if error.is_unauthenticated() => session.expired(),
                Err(error) => problem.set(Some(ConfirmProblem::from_error(error))),
            }
        });
    };
    let back = move |_| {
        state.go(Step::Credentials);
        state.pending.set(None);
    };

    view! {
        <form class="form wizard__form" novalidate on:submit=on_submit aria-labelledby=Step::Review.heading_id()>
            <StepHeading step=Step::Review />
            <p>{t!(i18n, tenants.review.intro)}</p>
            <dl class="tenants-review">
                <div class="tenants-review__row">
                    <dt>{t!(i18n, tenants.review.organisation)}</dt>
                    <dd>{pending.organisation.clone()}</dd>
                </div>
                <div class="tenants-review__row">
                    <dt>{t!(i18n, tenants.review.domain)}</dt>
                    <dd>{pending.domain.clone()}</dd>
                </div>
            </dl>
            <ConfirmProblemNotice state problem />
            <div class="button-row">
                <SubmitButton label=Signal::derive(move || t_string!(i18n, tenants.review.confirm)) busy />
                <button type="button" class="button" on:click=back disabled=move || busy.get()>
                    {t!(i18n, common.form.back)}
                </button>
                <button type="button" class="button button--quiet" on:click=move |_| state.cancel.run(()) disabled=move || busy.get()>
                    {t!(i18n, common.form.cancel)}
                </button>
            </div>
        </form>
    }
}

/// Why the confirmation did not go through, with the way on from there.
#[component]
fn ConfirmProblemNotice(
    state: WizardState,
    problem: RwSignal<Option<ConfirmProblem>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The list changed: load it again (for its new version), then confirm again.
    let reload = move |_| {
        problem.set(None);
        spawn_local(async move {
            if let Err(error) = load_tenants(state).await {
                problem.set(Some(ConfirmProblem::Other(error)));
            }
        });
    };
    // The pending association is gone: the credentials must be verified again.
    let again = move |_| {
        state.go(Step::Credentials);
        state.pending.set(None);
    };
    move || {
        problem.get().map(|p| match p {
            ConfirmProblem::Changed => view! {
                <div class="notice notice--error" role="alert">
                    <p>{t!(i18n, tenants.review.conflict)}</p>
                    <button type="button" class="button" on:click=reload>{t!(i18n, common.status.reload)}</button>
                </div>
            }
            .into_any(),
            ConfirmProblem::Expired => view! {
                <div class="notice notice--error" role="alert">
                    <p>{t!(i18n, tenants.review.expired)}</p>
                    <button type="button" class="button" on:click=again>{t!(i18n, tenants.review.again)}</button>
                </div>
            }
            .into_any(),
            ConfirmProblem::Already => view! {
                <div class="notice notice--error" role="alert">
                    <p>{t!(i18n, tenants.domain.already)}</p>
                    <p><A href=paths::TENANTS>{t!(i18n, tenants.done.back_to_list)}</A></p>
                </div>
            }
            .into_any(),
            ConfirmProblem::Other(error) => view! {
                <p class="notice notice--error" role="alert">{move || error_sentence(i18n, &error)}</p>
            }
            .into_any(),
        })
    }
}
