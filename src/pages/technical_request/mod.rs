use leptos::prelude::*;

use crate::components::page::PageHeader;
use crate::i18n::{t_string, use_i18n};

#[component]
pub fn TechnicalRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, technical.title))
            intro=Signal::derive(move || t_string!(i18n, technical.intro))
        />
    }
}
