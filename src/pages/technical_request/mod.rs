//! Journey 5: request technical assistance (`/technical-requests/new`) and
//! follow the company's requests.

mod case;
mod draft;
mod export;
mod form;
mod intl;
mod labels;
mod list;
mod list_filters;

use crate::components::link::A;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use rewards_core::api::TechnicalRequestResponse;

use crate::api::endpoints;
use crate::components::focus::focus_by_id;
use crate::components::page::PageHeader;
use crate::components::who_can_act::{Acting, PeopleWhoCanAct};
use crate::i18n::{t, t_string, use_i18n};
use crate::paths;
use crate::session::use_session;
use form::RequestForm;
use list::RequestList;

pub use case::TechnicalCasePage;

#[component]
pub fn TechnicalRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let programme_visible =
        Memo::new(move |_| session.with_me(|me| me.programme_visible).unwrap_or(false));
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, technical.title))
            intro=Signal::derive(move || t_string!(i18n, technical.intro))
        />
        {move || if programme_visible.get() {
            view! { <RequestsBody /> }.into_any()
        } else {
            view! { <ProgrammeHidden /> }.into_any()
        }}
    }
}

#[component]
fn RequestsBody() -> impl IntoView {
    let session = use_session();
    let can_submit =
        Memo::new(move |_| session.with_me(|me| me.can_manage_rewards).unwrap_or(false));
    let requests = LocalResource::new(move || async move {
        let result = endpoints::technical_requests().await;
        if result.as_ref().is_err_and(|e| e.is_unauthenticated()) {
            session.expired();
        }
        result
    });
    let submitted = RwSignal::new(None::<TechnicalRequestResponse>);
    let on_submitted = Callback::new(move |response: TechnicalRequestResponse| {
        submitted.set(Some(response));
        requests.refetch();
    });
    let on_refresh_list = Callback::new(move |()| requests.refetch());
    let file_another = Callback::new(move |()| {
        submitted.set(None);
        request_animation_frame(|| focus_by_id("tr-form-title"));
    });
    view! {
        {move || match submitted.get() {
            Some(response) => view! { <Confirmation response on_another=file_another /> }.into_any(),
            None => view! { <RequestForm can_submit on_submitted on_refresh_list /> }.into_any(),
        }}
        <RequestList requests />
    }
}

/// The filed request: case number and when to expect a reply. Takes focus.
#[component]
fn Confirmation(response: TechnicalRequestResponse, on_another: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let case_number = response.request.case_number.clone();
    let heading_case = case_number.clone();
    let reply_at = response.reply_due_by.unix_seconds();
    let status = response.request.status;
    view! {
        <section class="card tr-confirmation" aria-labelledby="tr-confirmation-title">
            <h2 id="tr-confirmation-title" class="tr-confirmation__title" tabindex="-1" node_ref=heading>
                {t!(i18n, technical.confirmation.title, case_number = move || heading_case.clone())}
            </h2>
            <dl class="tr-confirmation__facts">
                <div>
                    <dt>{t!(i18n, technical.confirmation.case_number)}</dt>
                    <dd class="tr-confirmation__case">{case_number}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, technical.confirmation.request_title)}</dt>
                    <dd>{response.request.title.clone()}</dd>
                </div>
                <div>
                    <dt>{t!(i18n, technical.list.status)}</dt>
                    <dd>{move || labels::status_label(i18n, status)}</dd>
                </div>
            </dl>
            <p class="tr-confirmation__reply">
                {t!(
                    i18n,
                    technical.confirmation.reply,
                    date = move || intl::local_date_time_long(i18n.get_locale().as_str(), reply_at)
                )}
            </p>
            <div class="button-row">
                <button type="button" class="button button--primary" on:click=move |_| on_another.run(())>
                    {t!(i18n, technical.confirmation.another)}
                </button>
            </div>
        </section>
    }
}

/// Signed in through a tenant that is not associated: nothing to request here.
#[component]
fn ProgrammeHidden() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let tenant = session.with_me(|me| me.tenant.clone()).unwrap_or_default();
    let can_manage = session.with_me(|me| me.can_manage_tenants).unwrap_or(false);
    view! {
        <section class="notice notice--warning tr-hidden" aria-labelledby="tr-hidden-title">
            <h2 id="tr-hidden-title">{t!(i18n, technical.hidden.title)}</h2>
            <p>{t!(i18n, technical.hidden.body, tenant = move || tenant.clone())}</p>
            {if can_manage {
                view! {
                    <p>
                        <A href=paths::TENANTS>{t!(i18n, technical.hidden.associate_link)}</A>
                    </p>
                }.into_any()
            } else {
                view! {
                    <p>{t!(i18n, technical.hidden.ask)} " " <PeopleWhoCanAct acting=Acting::Tenants /></p>
                }.into_any()
            }}
        </section>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
