//! "Download CSV" for the benefits the table shows now (its status filter and search
//! applied), built in the browser from the rows the page already has.

use leptos::prelude::*;
use rewards_core::api::BenefitListItem;
use rewards_core::csv::{self, Cell};
use rewards_core::model::BenefitCategory;

use super::super::labels::{display_name, status_label};
use crate::components::chart::download_csv;
use crate::i18n::{t, t_string, use_i18n, I18n};

/// The rows as CSV: name and offer as shown, the status in the UI language, the
/// activate-by day as an ISO date and the unlocking tier's threshold in dollars.
pub(super) fn csv_text(i18n: I18n, items: &[BenefitListItem]) -> String {
    let headers = [
        t_string!(i18n, benefits.table.name),
        t_string!(i18n, benefits.details.offer),
        t_string!(i18n, benefits.table.status),
        t_string!(i18n, benefits.table.activate_by),
        t_string!(i18n, insights.csv.tier_usd),
    ];
    let rows: Vec<Vec<Cell>> = items
        .iter()
        .map(|item| {
            let b = &item.benefit;
            vec![
                Cell::Text(display_name(i18n, &b.key, &item.name)),
                item.offer_name
                    .clone()
                    .map(Cell::Text)
                    .unwrap_or(Cell::Empty),
                Cell::from(status_label(i18n, b.status)),
                b.activate_by.map(Cell::Date).unwrap_or(Cell::Empty),
                Cell::Cents(b.unlock_tier.threshold_cents()),
            ]
        })
        .collect();
    csv::write(&headers, &rows)
}

#[component]
pub(super) fn ExportButton(
    visible: Memo<Vec<BenefitListItem>>,
    category: BenefitCategory,
) -> impl IntoView {
    let i18n = use_i18n();
    let download = move |_| {
        let text = visible.with_untracked(|items| csv_text(i18n, items));
        let name = match category {
            BenefitCategory::SalesMarketing => "sales-marketing-benefits.csv",
            BenefitCategory::Technical => "technical-benefits.csv",
        };
        download_csv(name, &text);
    };
    view! {
        <button type="button" class="button button--quiet benefit-export" on:click=download>
            {t!(i18n, insights.frame.download_csv)}
        </button>
    }
}
