//! The filter form above the company's requests (status, search by case number or title,
//! sort by date) and the rule the rows are matched and ordered with.

use leptos::prelude::*;
use rewards_core::model::{RequestStatus, TechnicalRequest};

use super::labels::status_label;
use crate::api::endpoints::wire_name;
use crate::i18n::{t, t_string, use_i18n};

const STATUS_ID: &str = "tr-status-filter";
const SEARCH_ID: &str = "tr-search";
const SORT_ID: &str = "tr-sort";

/// The list's filter state (`status` is a wire name or empty, `oldest_first` the sort).
#[derive(Clone, Copy)]
pub struct ListFilters {
    pub status: RwSignal<String>,
    pub search: RwSignal<String>,
    pub oldest_first: RwSignal<bool>,
}

impl ListFilters {
    pub fn new() -> Self {
        Self {
            status: RwSignal::new(String::new()),
            search: RwSignal::new(String::new()),
            oldest_first: RwSignal::new(false),
        }
    }

    /// The requests that match, in the chosen order.
    pub fn apply(&self, requests: &[TechnicalRequest]) -> Vec<TechnicalRequest> {
        let status = self.status.get();
        let needle = self.search.get().trim().to_lowercase();
        let mut shown: Vec<TechnicalRequest> = requests
            .iter()
            .filter(|r| status.is_empty() || wire_name(&r.status) == status)
            .filter(|r| {
                needle.is_empty()
                    || r.case_number.to_lowercase().contains(&needle)
                    || r.title.to_lowercase().contains(&needle)
            })
            .cloned()
            .collect();
        shown.sort_by_key(|r| (r.created_at, r.case_number.clone()));
        if !self.oldest_first.get() {
            shown.reverse();
        }
        shown
    }
}

#[component]
pub fn Filters(filters: ListFilters) -> impl IntoView {
    let i18n = use_i18n();
    let ListFilters {
        status,
        search,
        oldest_first,
    } = filters;
    let filtered = move || !status.with(String::is_empty) || !search.with(String::is_empty);
    view! {
        <form
            class="benefit-filters tr-filters"
            role="search"
            aria-label=move || t_string!(i18n, cases.list.filters)
            on:submit=|ev| ev.prevent_default()
        >
            <div class="benefit-filters__field">
                <label class="field__label" for=STATUS_ID>{t!(i18n, cases.list.status)}</label>
                <select
                    id=STATUS_ID
                    class="field__input"
                    on:change=move |ev| status.set(event_target_value(&ev))
                    prop:value=move || status.get()
                >
                    <option value="">{t!(i18n, cases.list.all_statuses)}</option>
                    {RequestStatus::ALL
                        .into_iter()
                        .map(|s| view! { <option value=wire_name(&s)>{move || status_label(i18n, s)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="benefit-filters__field benefit-filters__field--grow">
                <label class="field__label" for=SEARCH_ID>{t!(i18n, cases.list.search)}</label>
                <input
                    id=SEARCH_ID
                    class="field__input"
                    type="search"
                    autocomplete="off"
                    prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
            </div>
            <div class="benefit-filters__field">
                <label class="field__label" for=SORT_ID>{t!(i18n, cases.list.sort)}</label>
                <select
                    id=SORT_ID
                    class="field__input"
                    on:change=move |ev| oldest_first.set(event_target_value(&ev) == "oldest")
                    prop:value=move || if oldest_first.get() { "oldest" } else { "newest" }
                >
                    <option value="newest">{t!(i18n, cases.list.newest)}</option>
                    <option value="oldest">{t!(i18n, cases.list.oldest)}</option>
                </select>
            </div>
            <Show when=filtered>
                <button
                    type="button"
                    class="button button--quiet benefit-filters__clear"
                    on:click=move |_| {
                        status.set(String::new());
                        search.set(String::new());
                    }
                >
                    {t!(i18n, cases.list.clear)}
                </button>
            </Show>
        </form>
    }
}
