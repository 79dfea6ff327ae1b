//! "Download CSV" for the company's technical cases, built in the browser from the list the
//! page already has. Titles are the partner's own text, so a title a spreadsheet could read
//! as a formula is written as text (rewards_core::csv neutralises it).

use leptos::prelude::*;
use rewards_core::csv::{self, Cell};
use rewards_core::model::TechnicalRequest;

use super::labels::{phase_label, status_label};
use crate::components::chart::download_csv;
use crate::i18n::{t, t_string, use_i18n, I18n};

pub(super) fn csv_text(i18n: I18n, requests: &[TechnicalRequest]) -> String {
    let headers = [
        t_string!(i18n, technical.list.case_number),
        t_string!(i18n, technical.list.request_title),
        t_string!(i18n, technical.list.phase),
        t_string!(i18n, technical.list.status),
        t_string!(i18n, technical.list.created),
    ];
    let rows: Vec<Vec<Cell>> = requests
        .iter()
        .map(|r| {
            vec![
                Cell::from(r.case_number.as_str()),
                Cell::from(r.title.as_str()),
                Cell::from(phase_label(i18n, r.phase)),
                Cell::from(status_label(i18n, r.status)),
                Cell::Date(r.created_at.date()),
            ]
        })
        .collect();
    csv::write(&headers, &rows)
}

#[component]
pub(super) fn ExportButton(requests: Vec<TechnicalRequest>) -> impl IntoView {
    let i18n = use_i18n();
    let requests = StoredValue::new(requests);
    let download = move |_| {
        let text = requests.with_value(|r| csv_text(i18n, r));
        download_csv("technical-cases.csv", &text);
    };
    view! {
        <button type="button" class="button button--quiet tr-list__export" on:click=download>
            {t!(i18n, insights.frame.download_csv)}
        </button>
    }
}
