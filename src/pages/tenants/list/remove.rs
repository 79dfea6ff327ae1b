//! Removing a tenant: the inline confirmation, the request, and what to do
//! when the list changed or the tenant may not be removed.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rewards_core::api::{problem_codes, TenantsResponse};
use rewards_core::model::TenantAssociation;

use super::super::focus_later;
use super::{remove_button_id, CONFIRM_HEADING_ID, REMOVED_ID};
use crate::api::{endpoints, ApiError, IdempotencyKey};
use crate::components::async_view::error_sentence;
use crate::i18n::{t, use_i18n};
use crate::session::use_session;

/// Why a remove did not happen.
#[derive(Debug, Clone, PartialEq)]
enum RemoveProblem {
    /// The list changed since it was loaded (412, or the tenant is gone).
    Changed,
    SignedIn,
    Home,
    Other(ApiError),
}

/// The inline confirmation step before a tenant is removed.
#[component]
pub(super) fn RemoveConfirmation(
    tenant: TenantAssociation,
    version: u64,
    confirming: RwSignal<Option<TenantAssociation>>,
    resource: LocalResource<Result<TenantsResponse, ApiError>>,
    removed: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // One key for this intent (removing this tenant), reused if it is retried.
    let key = StoredValue::new(IdempotencyKey::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<RemoveProblem>);
    let domain = StoredValue::new(tenant.domain.clone());

    let cancel = move |_| {
        confirming.set(None);
        focus_later(remove_button_id(&domain.get_value()));
    };
    let remove = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let domain = domain.get_value();
        let key = key.get_value();
        spawn_local(async move {
            let result = endpoints::remove_tenant(&domain, version, &key).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    confirming.set(None);
                    removed.set(Some(domain));
                    resource.refetch();
                    focus_later(REMOVED_ID.to_owned());
                }
                Err(error) if error.is_unauthenticated() => session.expired(),
                Err(error) => problem.set(Some(match error.code() {
                    Some(problem_codes::TENANT_IS_SIGNED_IN) => RemoveProblem::SignedIn,
                    Some(problem_codes::HOME_TENANT) => RemoveProblem::Home,
                    _ if error.is_version_conflict() || error.status() == Some(404) => {
                        RemoveProblem::Changed
                    }
                    _ => RemoveProblem::Other(error),
                })),
            }
        });
    };
    let reload = move |_| {
        confirming.set(None);
        resource.refetch();
    };
    let organisation = tenant.organisation.clone();
    let title_domain = tenant.domain.clone();

    view! {
        <section class="card tenants-confirm" aria-labelledby=CONFIRM_HEADING_ID>
            <h2 id=CONFIRM_HEADING_ID tabindex="-1">
                {t!(i18n, tenants.confirm.title, domain = move || title_domain.clone())}
            </h2>
            <p>
                {t!(i18n, tenants.confirm.organisation, organisation = move || organisation.clone())}
            </p>
            <p>{t!(i18n, tenants.confirm.body)}</p>
            {move || problem.get().map(|p| match p {
                RemoveProblem::Changed => view! {
                    <div class="notice notice--error" role="alert">
                        <p>{t!(i18n, tenants.list.conflict)}</p>
                        <button type="button" class="button" on:click=reload>
                            {t!(i18n, common.status.reload)}
                        </button>
                    </div>
                }.into_any(),
                RemoveProblem::SignedIn => view! {
                    <p class="notice notice--error" role="alert">{t!(i18n, tenants.list.cannot_remove_signed_in)}</p>
                }.into_any(),
                RemoveProblem::Home => view! {
                    <p class="notice notice--error" role="alert">{t!(i18n, tenants.list.cannot_remove_home)}</p>
                }.into_any(),
                RemoveProblem::Other(error) => view! {
                    <p class="notice notice--error" role="alert">{move || error_sentence(i18n, &error)}</p>
                }.into_any(),
            })}
            <div class="button-row">
                <button
                    type="button"
                    class="button button--danger"
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().then_some("true")
                    on:click=remove
                >
                    {move || if busy.get() {
                        view! { <span class="spinner" aria-hidden="true"></span> {t!(i18n, common.form.working)} }.into_any()
                    } else {
                        t!(i18n, tenants.confirm.remove).into_any()
                    }}
                </button>
                <button type="button" class="button button--quiet" on:click=cancel>
                    {t!(i18n, common.form.cancel)}
                </button>
            </div>
        </section>
    }
}
