use crate::components::link::A;
use leptos::prelude::*;

use crate::components::page::PageHeader;
use crate::i18n::{t, t_string, use_i18n};
use crate::paths;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, common.not_found.title))
            intro=Signal::derive(move || t_string!(i18n, common.not_found.body))
        />
        <p><A href=paths::OVERVIEW>{t!(i18n, common.not_found.home_link)}</A></p>
    }
}
