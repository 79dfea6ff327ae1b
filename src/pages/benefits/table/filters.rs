//! The filter form above the table (status and search text) and the search
//! rule the rows are matched with.

use leptos::prelude::*;
use rewards_core::api::BenefitListItem;
use rewards_core::model::BenefitStatus;

use super::super::labels::{display_name, status_label, status_slug};
use crate::i18n::{t, t_string, use_i18n, I18n};

const STATUS_FILTER_ID: &str = "benefit-status-filter";
const SEARCH_ID: &str = "benefit-search";

#[component]
pub(super) fn Filters(status_filter: RwSignal<String>, search: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let filtered = move || !status_filter.with(String::is_empty) || !search.with(String::is_empty);
    view! {
        <form
            class="benefit-filters"
            role="search"
            aria-label=move || t_string!(i18n, benefits.filters.label)
            on:submit=|ev| ev.prevent_default()
        >
            <div class="benefit-filters__field">
                <label class="field__label" for=STATUS_FILTER_ID>{t!(i18n, benefits.filters.status)}</label>
                <select
                    id=STATUS_FILTER_ID
                    class="field__input"
                    on:change=move |ev| status_filter.set(event_target_value(&ev))
                    prop:value=move || status_filter.get()
                >
                    <option value="">{t!(i18n, benefits.filters.all_statuses)}</option>
                    {BenefitStatus::ALL
                        .into_iter()
                        .map(|status| view! {
                            <option value=status_slug(status)>{move || status_label(i18n, status)}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="benefit-filters__field benefit-filters__field--grow">
                <label class="field__label" for=SEARCH_ID>{t!(i18n, benefits.filters.search)}</label>
                <input
                    id=SEARCH_ID
                    class="field__input"
                    type="search"
                    autocomplete="off"
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
            </div>
            <Show when=filtered>
                <button
                    type="button"
                    class="button button--quiet benefit-filters__clear"
                    on:click=move |_| {
                        status_filter.set(String::new());
                        search.set(String::new());
                    }
                >
                    {t!(i18n, benefits.filters.clear)}
                </button>
            </Show>
        </form>
    }
}

/// Whether `item` matches the search text: localized or English name,
/// catalogue key or offer name, ignoring case.
pub(super) fn matches(i18n: I18n, item: &BenefitListItem, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let localized = display_name(i18n, &item.benefit.key, &item.name);
    let found = [
        Some(localized.as_str()),
        Some(item.name.as_str()),
        Some(item.benefit.key.as_str()),
        item.offer_name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .any(|hay| hay.to_lowercase().contains(needle));
    found
}
