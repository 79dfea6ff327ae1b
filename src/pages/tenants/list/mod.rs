//! `/settings/tenants`: the associated tenants, with remove (after an inline
//! confirmation) for everything but the home tenant and the signed-in one.
//!
//! The page (header, associate action, status line) is here; the table and
//! its rows are in [`table`], the remove confirmation in [`remove`].

mod remove;
mod table;

use crate::components::link::A;
use leptos::prelude::*;

use super::{use_can_manage_tenants, ManagersNotice};
use crate::api::{endpoints, ApiError};
use crate::components::async_view::AsyncView;
use crate::components::page::PageHeader;
use crate::i18n::{t, t_string, use_i18n};
use crate::paths;
use crate::session::use_session;

use table::TenantTable;

const CONFIRM_HEADING_ID: &str = "tenant-remove-title";
const REMOVED_ID: &str = "tenant-removed";
const READ_ONLY_ID: &str = "tenants-read-only";

/// Id of a row's remove button: focus returns there when the confirmation is cancelled.
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
