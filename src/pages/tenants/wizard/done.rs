//! Step 4: the association is made; the programme shows once the user signs
//! in again with a user of the new tenant, so signing out is offered here.

use crate::components::link::A;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::super::draft::Step;
use super::steps::StepHeading;
use super::WizardState;
use crate::api::ApiError;
use crate::components::async_view::error_sentence;
use crate::i18n::{t, use_i18n};
use crate::paths;
use crate::session::use_session;

#[component]
pub(super) fn DoneStep(state: WizardState) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let (organisation, domain) = state
        .pending
        .get_untracked()
        .map(|p| (p.organisation, p.domain))
        .unwrap_or_else(|| (String::new(), state.domain.get_untracked()));
    let sign_out = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failed.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match session.sign_out().await {
                Ok(()) => navigate(paths::OVERVIEW, Default::default()),
                Err(error) => {
                    busy.set(false);
                    failed.set(Some(error));
                }
            }
        });
    };
    view! {
        <section class="wizard__form" aria-labelledby=Step::Done.heading_id()>
            <StepHeading step=Step::Done />
            <p class="notice notice--success" role="status">
                {t!(i18n, tenants.done.body, organisation = move || organisation.clone(), domain = move || domain.clone())}
            </p>
            <p>{t!(i18n, tenants.done.instruction)}</p>
            {move || failed.get().map(|error| view! {
                <p class="notice notice--error" role="alert">{move || error_sentence(i18n, &error)}</p>
            })}
            <div class="button-row">
                <button
                    type="button"
                    class="button button--primary"
                    on:click=sign_out
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().then_some("true")
                >
                    {t!(i18n, common.session.sign_out)}
                </button>
                <A href=paths::TENANTS attr:class="button">{t!(i18n, tenants.done.back_to_list)}</A>
            </div>
        </section>
    }
}
