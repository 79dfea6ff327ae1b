//! Billed sales by month: the month's billed sales as bars, the trailing-twelve-month total
//! as a line, the tier thresholds as rules and the months a tier was reached as marks.

use leptos::prelude::*;
use rewards_core::csv::{self, Cell};
use rewards_core::insights::{SalesMonth, SalesSeries};

use super::{fill, months};
use crate::components::chart::{
    download_csv, nice_ticks, BarSeries, Chart, ChartFrame, LineSeries, Mark, Rule, Table,
};
use crate::i18n::domain::tier_label;
use crate::i18n::{format, t_string, use_i18n, I18n};

fn dollars(cents: i64) -> f64 {
    cents as f64 / 100.0
}

fn chart(i18n: I18n, data: &SalesSeries) -> Chart {
    let locale = i18n.get_locale();
    let m = &data.months;
    let highest = m
        .iter()
        .map(|x| x.ttm_cents.max(x.billed_cents))
        .chain(data.thresholds.iter().map(|t| t.threshold_cents))
        .max()
        .unwrap_or(0);
    let (y_max, ticks) = nice_ticks(dollars(highest));
    Chart {
        categories: m.iter().map(|x| months::short(locale, x.month)).collect(),
        bars: vec![BarSeries {
            name: t_string!(i18n, insights.sales.billed).to_string(),
            values: m.iter().map(|x| dollars(x.billed_cents)).collect(),
            style: 0,
        }],
        lines: vec![LineSeries {
            name: t_string!(i18n, insights.sales.ttm).to_string(),
            values: m.iter().map(|x| dollars(x.ttm_cents)).collect(),
        }],
        rules: data
            .thresholds
            .iter()
            .map(|t| Rule {
                label: tier_label(i18n, t.tier),
                value: dollars(t.threshold_cents),
            })
            .collect(),
        marks: m
            .iter()
            .enumerate()
            .filter_map(|(index, x)| {
                x.crossed_into.map(|tier| Mark {
                    index,
                    label: tier_label(i18n, tier),
                })
            })
            .collect(),
        point_labels: m.iter().map(|x| point_label(i18n, x)).collect(),
        y_max,
        y_ticks: ticks
            .into_iter()
            .map(|v| (v, format::money_compact(locale, (v * 100.0) as i64)))
            .collect(),
    }
}

fn point_label(i18n: I18n, x: &SalesMonth) -> String {
    let locale = i18n.get_locale();
    let mut label = fill(
        t_string!(i18n, insights.sales.point),
        &[
            ("month", months::long(locale, x.month)),
            ("billed", format::money(locale, x.billed_cents)),
            ("ttm", format::money(locale, x.ttm_cents)),
            ("tier", tier_label(i18n, x.tier)),
        ],
    )
    .to_string();
    if let Some(tier) = x.crossed_into {
        label.push(' ');
        label.push_str(
            &fill(
                t_string!(i18n, insights.sales.point_crossed),
                &[("tier", tier_label(i18n, tier))],
            )
            .to_string(),
        );
    }
    label
}

fn table(i18n: I18n, data: &SalesSeries) -> Table {
    let locale = i18n.get_locale();
    Table {
        headers: vec![
            t_string!(i18n, insights.columns.month).to_string(),
            t_string!(i18n, insights.sales.billed).to_string(),
            t_string!(i18n, insights.sales.excluded).to_string(),
            t_string!(i18n, insights.sales.ttm).to_string(),
            t_string!(i18n, insights.sales.tier).to_string(),
            t_string!(i18n, insights.sales.crossed).to_string(),
        ],
        rows: data
            .months
            .iter()
            .map(|x| {
                vec![
                    months::long(locale, x.month),
                    format::money(locale, x.billed_cents),
                    format::money(locale, x.excluded_fraudulent_cents),
                    format::money(locale, x.ttm_cents),
                    tier_label(i18n, x.tier),
                    x.crossed_into
                        .map(|t| tier_label(i18n, t))
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

/// The CSV: ISO months, plain dollar amounts, tiers as their thresholds in dollars.
fn csv_text(i18n: I18n, data: &SalesSeries) -> String {
    let headers = [
        t_string!(i18n, insights.columns.month).to_string(),
        t_string!(i18n, insights.csv.billed_usd).to_string(),
        t_string!(i18n, insights.csv.excluded_usd).to_string(),
        t_string!(i18n, insights.csv.ttm_usd).to_string(),
        t_string!(i18n, insights.csv.tier_usd).to_string(),
        t_string!(i18n, insights.csv.crossed_usd).to_string(),
    ];
    let rows: Vec<Vec<Cell>> = data
        .months
        .iter()
        .map(|x| {
            vec![
                Cell::Month(x.month),
                Cell::Cents(x.billed_cents),
                Cell::Cents(x.excluded_fraudulent_cents),
                Cell::Cents(x.ttm_cents),
                Cell::Cents(x.tier.threshold_cents()),
                x.crossed_into
                    .map(|t| Cell::Cents(t.threshold_cents()))
                    .unwrap_or(Cell::Empty),
            ]
        })
        .collect();
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    csv::write(&headers, &rows)
}

fn summary(i18n: I18n, data: &SalesSeries) -> String {
    let locale = i18n.get_locale();
    let (Some(first), Some(last)) = (data.months.first(), data.months.last()) else {
        return String::new();
    };
    let (from, to) = (
        format::money(locale, first.ttm_cents),
        format::money(locale, last.ttm_cents),
    );
    let (start, end) = (
        months::long(locale, first.month),
        months::long(locale, last.month),
    );
    let template = match last.ttm_cents.cmp(&first.ttm_cents) {
        std::cmp::Ordering::Greater => t_string!(i18n, insights.sales.summary_rose),
        std::cmp::Ordering::Less => t_string!(i18n, insights.sales.summary_fell),
        std::cmp::Ordering::Equal => t_string!(i18n, insights.sales.summary_flat),
    };
    fill(
        template,
        &[("from", from), ("to", to), ("start", start), ("end", end)],
    )
}

fn note(i18n: I18n, data: &SalesSeries) -> String {
    let locale = i18n.get_locale();
    let mut note = t_string!(i18n, insights.sales.fraud_note).to_string();
    if let Some(x) = data.months.iter().rev().find(|x| x.crossed_into.is_some()) {
        let tier = tier_label(i18n, x.crossed_into.unwrap_or(x.tier));
        note.push(' ');
        note.push_str(
            &fill(
                t_string!(i18n, insights.sales.latest_crossing),
                &[("tier", tier), ("month", months::long(locale, x.month))],
            )
            .to_string(),
        );
    }
    note
}

#[component]
pub fn SalesChart(data: SalesSeries) -> impl IntoView {
    let i18n = use_i18n();
    let data = StoredValue::new(data);
    let on_download = Callback::new(move |()| {
        let (text, as_of) = data.with_value(|d| (csv_text(i18n, d), d.as_of));
        download_csv(&format!("billed-sales-by-month-{as_of}.csv"), &text);
    });
    view! {
        <ChartFrame
            id="insights-sales"
            title=Signal::derive(move || t_string!(i18n, insights.sales.title).to_string())
            summary=Signal::derive(move || data.with_value(|d| summary(i18n, d)))
            chart=Signal::derive(move || data.with_value(|d| chart(i18n, d)))
            table=Signal::derive(move || data.with_value(|d| table(i18n, d)))
            note=Signal::derive(move || data.with_value(|d| note(i18n, d)))
            on_download
        />
    }
}
