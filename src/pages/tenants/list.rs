//! `/settings/tenants`: the associated tenants, with remove (after an inline
//! confirmation) for everything but the home tenant and the signed-in one.

use crate::components::link::A;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rewards_core::api::{problem_codes, TenantsResponse};
use rewards_core::model::TenantAssociation;

use super::{focus_later, use_can_manage_tenants, ManagersNotice};
use crate::api::{endpoints, ApiError, IdempotencyKey};
use crate::app::paths;
use crate::components::async_view::{error_sentence, AsyncView};
use crate::components::page::PageHeader;
use crate::i18n::{format, t, t_string, use_i18n};
use crate::session::use_session;

const CONFIRM_HEADING_ID: &str = "tenant-remove-title";
const REMOVED_ID: &str = "tenant-removed";
const READ_ONLY_ID: &str = "tenants-read-only";

/// Why a remove did not happen.
#[derive(Debug, Clone, PartialEq)]
enum RemoveProblem {
    /// The list changed since it was loaded (412, or the tenant is gone).
    Changed,
    SignedIn,
    Home,
    Other(ApiError),
}

fn remove_button_id(domain: &str) -> String {
    let safe: String = domain
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("tenant-remove-{safe}")
}

#[component]
pub fn TenantsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_manage = use_can_manage_tenants();
    let resource = LocalResource::new(move || async move {
        let result = endpoints::tenants().await;
        if result.as_ref().is_err_and(ApiError::is_unauthenticated) {
            session.expired();
        }
        result
    });
    let removed = RwSignal::new(None::<String>);

    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, tenants.list.title))
            intro=Signal::derive(move || t_string!(i18n, tenants.list.intro))
        />
        {move || if can_manage.get() {
            view! {
                <p class="tenants__actions">
                    <A href=paths::ASSOCIATE_TENANT attr:class="button button--primary">
                        {t!(i18n, tenants.list.associate)}
                    </A>
                </p>
            }.into_any()
        } else {
            view! {
                <ManagersNotice id=READ_ONLY_ID />
                <p class="tenants__actions">
                    <button type="button" class="button" disabled aria-describedby=READ_ONLY_ID>
                        {t!(i18n, tenants.list.associate)}
                    </button>
                </p>
            }.into_any()
        }}
        <div role="status" class="tenants__status">
            {move || removed.get().map(|domain| view! {
                <p class="notice notice--success" id=REMOVED_ID tabindex="-1">
                    {t!(i18n, tenants.list.removed, domain = move || domain.clone())}
                </p>
            })}
        </div>
        <AsyncView resource let:data>
            <TenantTable data resource removed can_manage />
        </AsyncView>
    }
}

#[component]
fn TenantTable(
    data: TenantsResponse,
    resource: LocalResource<Result<TenantsResponse, ApiError>>,
    removed: RwSignal<Option<String>>,
    can_manage: Memo<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(None::<TenantAssociation>);
    let version = data.version;
    let signed_in = data.signed_in_tenant.clone();
    let open = move |tenant: TenantAssociation| {
        removed.set(None);
        confirming.set(Some(tenant));
        focus_later(CONFIRM_HEADING_ID.to_owned());
    };
    let empty = data.tenants.is_empty();
    let rows = data
        .tenants
        .into_iter()
        .map(|tenant| {
            let is_signed_in = tenant.domain == signed_in;
            view! { <TenantRow tenant is_signed_in can_manage on_remove=open /> }
        })
        .collect_view();

    view! {
        {move || confirming.get().map(|tenant| view! {
            <RemoveConfirmation tenant version confirming resource removed />
        })}
        {if empty {
            view! { <p class="notice">{t!(i18n, tenants.list.empty)}</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="tenants-table">
                        <caption class="visually-hidden">{t!(i18n, tenants.list.caption)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, tenants.list.col_domain)}</th>
                                <th scope="col">{t!(i18n, tenants.list.col_organisation)}</th>
                                <th scope="col">{t!(i18n, tenants.list.col_associated)}</th>
                                <th scope="col">{t!(i18n, tenants.list.col_actions)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
fn TenantRow(
    tenant: TenantAssociation,
    is_signed_in: bool,
    can_manage: Memo<bool>,
    #[prop(into)] on_remove: Callback<TenantAssociation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let associated_at = tenant.associated_at;
    let is_home = tenant.is_home;
    let button_id = remove_button_id(&tenant.domain);
    let domain = tenant.domain.clone();
    let organisation = tenant.organisation.clone();
    let shown_domain = tenant.domain.clone();
    let action = move || {
        if is_home {
            view! { <p class="tenants__reason">{t!(i18n, tenants.list.cannot_remove_home)}</p> }
                .into_any()
        } else if is_signed_in {
            view! { <p class="tenants__reason">{t!(i18n, tenants.list.cannot_remove_signed_in)}</p> }
                .into_any()
        } else if can_manage.get() {
            let tenant = tenant.clone();
            let domain = domain.clone();
            view! {
                <button
                    type="button"
                    class="button button--danger"
                    id=button_id.clone()
                    on:click=move |_| on_remove.run(tenant.clone())
                >
                    {t!(i18n, tenants.list.remove)}
                    <span class="visually-hidden">" " {domain}</span>
                </button>
            }
            .into_any()
        } else {
            view! { <p class="tenants__reason">{t!(i18n, tenants.list.remove_read_only)}</p> }
                .into_any()
        }
    };
    view! {
        <tr>
            <td data-label=move || t_string!(i18n, tenants.list.col_domain)>
                <span class="tenants__domain">{shown_domain}</span>
                {(is_home || is_signed_in).then(|| view! {
                    <span class="tenants__badges">
                        {is_home.then(|| view! {
                            <span class="badge badge--home">{t!(i18n, tenants.list.badge_home)}</span>
                        })}
                        {is_signed_in.then(|| view! {
                            <span class="badge badge--signed-in">{t!(i18n, tenants.list.badge_signed_in)}</span>
                        })}
                    </span>
                })}
            </td>
            <td data-label=move || t_string!(i18n, tenants.list.col_organisation)>{organisation}</td>
            <td data-label=move || t_string!(i18n, tenants.list.col_associated)>
                {move || format::date_time(i18n.get_locale(), associated_at)}
            </td>
            <td data-label=move || t_string!(i18n, tenants.list.col_actions)>{action}</td>
        </tr>
    }
}

/// The inline confirmation step before a tenant is removed.
#[component]
fn RemoveConfirmation(
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
