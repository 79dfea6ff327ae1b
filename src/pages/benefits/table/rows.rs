//! The visible rows: how many match, the empty state, and the table itself.

use leptos::prelude::*;
use rewards_core::api::BenefitListItem;
use rewards_core::model::BenefitCategory;

use super::super::activation::LIST_HEADING_ID;
use super::export::ExportButton;
use super::filters::matches;
use super::row::Row;
use crate::i18n::{format, t, t_string, use_i18n};

#[component]
pub(super) fn Rows(
    items: Vec<BenefitListItem>,
    search: RwSignal<String>,
    category: BenefitCategory,
) -> impl IntoView {
    let i18n = use_i18n();
    let items = StoredValue::new(items);
    let visible = Memo::new(move |_| {
        let needle = search.with(|s| s.trim().to_lowercase());
        items.with_value(|all| {
            all.iter()
                .filter(|item| matches(i18n, item, &needle))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let count = move || visible.with(Vec::len);
    let count_text = move || format::number(i18n.get_locale(), count() as i64);

    view! {
        <p class="benefit-count" role="status">
            {move || if count() == 1 {
                t!(i18n, benefits.filters.shown_single, count = count_text).into_any()
            } else {
                t!(i18n, benefits.filters.shown_plural, count = count_text).into_any()
            }}
        </p>
        <Show
            when=move || { count() > 0 }
            fallback=move || view! {
                <div class="notice benefit-empty">
                    <p class="benefit-empty__title">{t!(i18n, benefits.empty.title)}</p>
                    <p>{t!(i18n, benefits.empty.body)}</p>
                </div>
            }
        >
            <ExportButton visible category />
            <div class="table-wrap benefit-table-wrap" tabindex="0" role="group" aria-labelledby=LIST_HEADING_ID>
                <table class="benefit-table">
                    <caption class="visually-hidden">
                        {move || match category {
                            BenefitCategory::SalesMarketing => t_string!(i18n, benefits.table.caption_sales_marketing),
                            BenefitCategory::Technical => t_string!(i18n, benefits.table.caption_technical),
                        }}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, benefits.table.name)}</th>
                            <th scope="col">{t!(i18n, benefits.table.source)}</th>
                            <th scope="col">{t!(i18n, benefits.table.quantity)}</th>
                            <th scope="col">{t!(i18n, benefits.table.status)}</th>
                            <th scope="col">{t!(i18n, benefits.table.activate_by)}</th>
                            <th scope="col">{t!(i18n, benefits.table.actions)}</th>
                        </tr>
                    </thead>
                    <For
                        each=move || visible.get()
                        key=|item| item.benefit.id.clone()
                        children=move |item| view! { <Row item /> }
                    />
                </table>
            </div>
        </Show>
    }
}
