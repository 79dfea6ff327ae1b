use leptos::prelude::*;

use crate::components::page::PageHeader;
use crate::i18n::{t_string, use_i18n};

#[component]
pub fn TenantsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, tenants.list.title))
            intro=Signal::derive(move || t_string!(i18n, tenants.list.intro))
        />
    }
}

#[component]
pub fn AssociateTenantPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, tenants.associate.title))
            intro=Signal::derive(move || t_string!(i18n, tenants.associate.intro))
        />
    }
}
