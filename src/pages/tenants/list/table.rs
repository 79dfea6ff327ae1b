//! The table of associated tenants: one row per tenant, with the reason
//! instead of a remove button where a tenant cannot be removed.

use leptos::prelude::*;
use rewards_core::api::TenantsResponse;
use rewards_core::model::TenantAssociation;

use super::super::focus_later;
use super::remove::RemoveConfirmation;
use super::{remove_button_id, CONFIRM_HEADING_ID};
use crate::api::ApiError;
use crate::i18n::{format, t, t_string, use_i18n};

#[component]
pub(super) fn TenantTable(
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
    let outside = super::super::use_outside_account();
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
        } else if outside.get() {
            view! { <p class="tenants__reason">{t!(i18n, tenants.list.remove_sign_in_first)}</p> }
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
