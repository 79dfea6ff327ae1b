//! Benefits over time: per month, how many benefits were available, activated, in progress,
//! completed and expired at its end, as stacked bars (colour and pattern per status).

use leptos::prelude::*;
use rewards_core::csv::{self, Cell};
use rewards_core::insights::{BenefitsMonth, BenefitsSeries, CHARTED_STATUSES};

use super::{fill, months};
use crate::components::chart::{download_csv, nice_ticks, BarSeries, Chart, ChartFrame, Table};
use crate::i18n::domain::status_label;
use crate::i18n::{format, t_string, use_i18n, I18n};

fn total(m: &BenefitsMonth) -> u32 {
    CHARTED_STATUSES.iter().map(|s| m.count(*s)).sum()
}

/// "12 available, 2 activated, …" for one month.
fn counts(i18n: I18n, m: &BenefitsMonth) -> String {
    let n = |v: u32| format::number(i18n.get_locale(), i64::from(v));
    fill(
        t_string!(i18n, insights.benefits.counts),
        &[
            ("available", n(m.available)),
            ("activated", n(m.activated)),
            ("in_progress", n(m.in_progress)),
            ("completed", n(m.completed)),
            ("expired", n(m.expired)),
        ],
    )
    .to_string()
}

fn chart(i18n: I18n, data: &BenefitsSeries) -> Chart {
    let locale = i18n.get_locale();
    let m = &data.months;
    let (y_max, ticks) = nice_ticks(f64::from(m.iter().map(total).max().unwrap_or(0)));
    Chart {
        categories: m.iter().map(|x| months::short(locale, x.month)).collect(),
        bars: CHARTED_STATUSES
            .iter()
            .enumerate()
            .map(|(style, status)| BarSeries {
                name: status_label(i18n, *status).to_string(),
                values: m.iter().map(|x| f64::from(x.count(*status))).collect(),
                style: style as u8,
            })
            .collect(),
        lines: Vec::new(),
        rules: Vec::new(),
        marks: Vec::new(),
        point_labels: m
            .iter()
            .map(|x| format!("{}: {}", months::long(locale, x.month), counts(i18n, x)))
            .collect(),
        y_max,
        y_ticks: ticks
            .into_iter()
            .map(|v| (v, format::number(locale, v as i64)))
            .collect(),
    }
}

fn headers(i18n: I18n) -> Vec<String> {
    std::iter::once(t_string!(i18n, insights.columns.month).to_string())
        .chain(
            CHARTED_STATUSES
                .iter()
                .map(|s| status_label(i18n, *s).to_string()),
        )
        .collect()
}

fn table(i18n: I18n, data: &BenefitsSeries) -> Table {
    let locale = i18n.get_locale();
    Table {
        headers: headers(i18n),
        rows: data
            .months
            .iter()
            .map(|x| {
                std::iter::once(months::long(locale, x.month))
                    .chain(
                        CHARTED_STATUSES
                            .iter()
                            .map(|s| format::number(locale, i64::from(x.count(*s)))),
                    )
                    .collect()
            })
            .collect(),
    }
}

fn csv_text(i18n: I18n, data: &BenefitsSeries) -> String {
    let headers = headers(i18n);
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows: Vec<Vec<Cell>> = data
        .months
        .iter()
        .map(|x| {
            std::iter::once(Cell::Month(x.month))
                .chain(CHARTED_STATUSES.iter().map(|s| Cell::from(x.count(*s))))
                .collect()
        })
        .collect();
    csv::write(&headers, &rows)
}

fn summary(i18n: I18n, data: &BenefitsSeries) -> String {
    let locale = i18n.get_locale();
    let (Some(first), Some(last)) = (data.months.first(), data.months.last()) else {
        return String::new();
    };
    fill(
        t_string!(i18n, insights.benefits.summary),
        &[
            ("start", months::long(locale, first.month)),
            (
                "start_total",
                format::number(locale, i64::from(total(first))),
            ),
            ("end", months::long(locale, last.month)),
            ("end_total", format::number(locale, i64::from(total(last)))),
            ("counts", counts(i18n, last)),
        ],
    )
}

#[component]
pub fn BenefitsChart(data: BenefitsSeries) -> impl IntoView {
    let i18n = use_i18n();
    let data = StoredValue::new(data);
    let on_download = Callback::new(move |()| {
        let (text, as_of) = data.with_value(|d| (csv_text(i18n, d), d.as_of));
        download_csv(&format!("benefits-by-month-{as_of}.csv"), &text);
    });
    view! {
        <ChartFrame
            id="insights-benefits"
            title=Signal::derive(move || t_string!(i18n, insights.benefits.title).to_string())
            summary=Signal::derive(move || data.with_value(|d| summary(i18n, d)))
            chart=Signal::derive(move || data.with_value(|d| chart(i18n, d)))
            table=Signal::derive(move || data.with_value(|d| table(i18n, d)))
            on_download
        />
    }
}
