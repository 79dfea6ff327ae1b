//! Step 3: the organisation and domain the credentials belong to, confirmed
//! by the admin (the request is in [`super::submit::confirm`]).

use crate::components::link::A;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::super::draft::{Pending, Step};
use super::steps::{StepButtons, StepHeading};
use super::submit::{self, ConfirmProblem};
use super::{load_tenants, WizardState};
use crate::api::{ApiError, IdempotencyKey};
use crate::components::async_view::error_sentence;
use crate::components::form::{use_submit, UseSubmitOptions};
use crate::i18n::{t, t_string, use_i18n};
use crate::paths;

#[component]
pub(super) fn ReviewStep(state: WizardState, pending: Pending) -> impl IntoView {
    let i18n = use_i18n();
    // One key for this confirmation, reused for its retries.
    let key = StoredValue::new(IdempotencyKey::new());
    // No fields: any other error is kept in `failure` for the notice.
    let submit = use_submit(UseSubmitOptions::new(&[]));
    let busy = submit.busy;
    let failure = submit.failure;
    let problem = RwSignal::new(None::<ConfirmProblem>);
    let association_id = StoredValue::new(pending.association_id.clone());

    let on_submit = submit.on_submit(move || {
        problem.set(None);
        let id = association_id.get_value();
        let key = key.get_value();
        let request = async move { submit::confirm(state, &id, &key).await };
        submit.send(request, move |result| {
            match result {
                Ok(list) => {
                    state.tenants.set(Some(list));
                    state.go(Step::Done);
                }
                Err(error) => match ConfirmProblem::from_error(&error) {
                    Some(own) => problem.set(Some(own)),
                    None => return Err(error.into()),
                },
            }
            Ok(())
        });
    });
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
            <ConfirmProblemNotice state problem failure />
            <StepButtons state submit_label=Signal::derive(move || t_string!(i18n, tenants.review.confirm)) busy back />
        </form>
    }
}

/// Why the confirmation did not go through, with the way on from there.
#[component]
fn ConfirmProblemNotice(
    state: WizardState,
    problem: RwSignal<Option<ConfirmProblem>>,
    failure: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The list changed: load it again (for its new version), then confirm again.
    let reload = move |_| {
        problem.set(None);
        spawn_local(async move {
            if let Err(error) = load_tenants(state).await {
                failure.set(Some(error));
            }
        });
    };
    // The pending association is gone: the credentials must be verified again.
    let again = move |_| {
        state.go(Step::Credentials);
        state.pending.set(None);
    };
    let own = move || {
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
        })
    };
    // Anything else: its sentence.
    let other = move || {
        failure.get().map(|error| view! {
            <p class="notice notice--error" role="alert">{move || error_sentence(i18n, &error)}</p>
        })
    };
    view! { {own} {other} }
}
