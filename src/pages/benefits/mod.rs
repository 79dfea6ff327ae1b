use leptos::prelude::*;

use crate::components::page::PageHeader;
use crate::i18n::{t_string, use_i18n};

/// The two benefit categories, each with its own URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenefitsTab {
    SalesMarketing,
    Technical,
}

#[component]
pub fn BenefitsPage(tab: BenefitsTab) -> impl IntoView {
    let i18n = use_i18n();
    let _ = tab;
    view! {
        <PageHeader
            title=Signal::derive(move || t_string!(i18n, benefits.title))
            intro=Signal::derive(move || t_string!(i18n, benefits.intro))
        />
    }
}

pub mod contact;
