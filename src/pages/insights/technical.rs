//! Technical benefit use: for each technical benefit with hours, incidents or consultations,
//! what the resolved technical cases used against the allocation, as bars over their tracks.

use leptos::prelude::*;
use rewards_core::csv::{self, Cell};
use rewards_core::insights::technical::{TechnicalBenefitUse, TechnicalUse};
use rewards_core::model::QuantityUnit;

use super::fill;
use crate::components::chart::{download_csv, Allocation, AllocationRow, ChartFrame, Table};
use crate::i18n::domain::{display_name, status_label};
use crate::i18n::{format, t_string, use_i18n, I18n};

/// The unit's word for `count` of it ("1 hour", "50 hours").
fn unit(i18n: I18n, unit: QuantityUnit, count: u32) -> &'static str {
    match (unit, count == 1) {
        (QuantityUnit::Hours, true) => t_string!(i18n, insights.technical.unit_one.hours),
        (QuantityUnit::Hours, false) => t_string!(i18n, insights.technical.unit_other.hours),
        (QuantityUnit::Incidents, true) => t_string!(i18n, insights.technical.unit_one.incidents),
        (QuantityUnit::Incidents, false) => {
            t_string!(i18n, insights.technical.unit_other.incidents)
        }
        (QuantityUnit::Consultations, true) => {
            t_string!(i18n, insights.technical.unit_one.consultations)
        }
        (QuantityUnit::Consultations, false) => {
            t_string!(i18n, insights.technical.unit_other.consultations)
        }
        (_, true) => t_string!(i18n, insights.technical.unit_one.other),
        (_, false) => t_string!(i18n, insights.technical.unit_other.other),
    }
}

fn name(i18n: I18n, b: &TechnicalBenefitUse) -> String {
    display_name(i18n, &b.key, &b.key)
}

/// "12 of 50 hours used, 38 left" or "2 incidents used, no limit".
fn figures(i18n: I18n, b: &TechnicalBenefitUse) -> String {
    let n = |v: u32| format::number(i18n.get_locale(), i64::from(v));
    match (b.allocated, b.remaining) {
        (Some(allocated), left) => fill(
            t_string!(i18n, insights.technical.figures),
            &[
                ("used", n(b.drawn_down)),
                ("allocated", n(allocated)),
                ("unit", unit(i18n, b.unit, allocated).to_string()),
                ("left", n(left.unwrap_or(0))),
            ],
        ),
        (None, _) => fill(
            t_string!(i18n, insights.technical.figures_unlimited),
            &[
                ("used", n(b.drawn_down)),
                ("unit", unit(i18n, b.unit, b.drawn_down).to_string()),
            ],
        ),
    }
}

fn chart(i18n: I18n, data: &TechnicalUse) -> Allocation {
    let locale = i18n.get_locale();
    Allocation {
        rows: data
            .benefits
            .iter()
            .map(|b| AllocationRow {
                label: name(i18n, b),
                used: f64::from(b.drawn_down),
                allocated: b.allocated.map(f64::from),
                figures: figures(i18n, b),
            })
            .collect(),
        point_labels: data
            .benefits
            .iter()
            .map(|b| {
                fill(
                    t_string!(i18n, insights.technical.point),
                    &[
                        ("benefit", name(i18n, b)),
                        ("status", status_label(i18n, b.status).to_string()),
                        ("figures", figures(i18n, b)),
                        ("cases", format::number(locale, i64::from(b.cases))),
                    ],
                )
            })
            .collect(),
        used_name: t_string!(i18n, insights.technical.used).to_string(),
        left_name: t_string!(i18n, insights.technical.left).to_string(),
        unlimited_name: t_string!(i18n, insights.technical.unlimited_key).to_string(),
        hint: t_string!(i18n, insights.technical.focus_hint).to_string(),
        ticks: [0.0, 0.25, 0.5, 0.75, 1.0]
            .into_iter()
            .map(|share| (share, format::percent(locale, share)))
            .collect(),
    }
}

fn headers(i18n: I18n) -> Vec<String> {
    [
        t_string!(i18n, insights.technical.benefit),
        t_string!(i18n, insights.technical.status),
        t_string!(i18n, insights.technical.unit),
        t_string!(i18n, insights.technical.allocated),
        t_string!(i18n, insights.technical.used),
        t_string!(i18n, insights.technical.left),
        t_string!(i18n, insights.technical.cases),
    ]
    .map(str::to_string)
    .to_vec()
}

fn table(i18n: I18n, data: &TechnicalUse) -> Table {
    let n = |v: u32| format::number(i18n.get_locale(), i64::from(v));
    let unlimited = || t_string!(i18n, insights.technical.unlimited).to_string();
    Table {
        headers: headers(i18n),
        rows: data
            .benefits
            .iter()
            .map(|b| {
                vec![
                    name(i18n, b),
                    status_label(i18n, b.status).to_string(),
                    unit(i18n, b.unit, 2).to_string(),
                    b.allocated.map(n).unwrap_or_else(unlimited),
                    n(b.drawn_down),
                    b.remaining.map(n).unwrap_or_else(unlimited),
                    n(b.cases),
                ]
            })
            .collect(),
    }
}

/// The CSV: plain numbers, empty allocation and remainder when unlimited.
fn csv_text(i18n: I18n, data: &TechnicalUse) -> String {
    let headers = headers(i18n);
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let rows: Vec<Vec<Cell>> = data
        .benefits
        .iter()
        .map(|b| {
            vec![
                Cell::from(name(i18n, b)),
                Cell::from(status_label(i18n, b.status)),
                Cell::from(unit(i18n, b.unit, 2)),
                b.allocated.map(Cell::from).unwrap_or(Cell::Empty),
                Cell::from(b.drawn_down),
                b.remaining.map(Cell::from).unwrap_or(Cell::Empty),
                Cell::from(b.cases),
            ]
        })
        .collect();
    csv::write(&headers, &rows)
}

fn summary(i18n: I18n, data: &TechnicalUse) -> String {
    let uses: Vec<String> = data
        .benefits
        .iter()
        .map(|b| {
            fill(
                t_string!(i18n, insights.technical.use_of),
                &[("figures", figures(i18n, b)), ("benefit", name(i18n, b))],
            )
        })
        .collect();
    fill(
        t_string!(i18n, insights.technical.summary),
        &[(
            "uses",
            uses.join(t_string!(i18n, insights.technical.separator)),
        )],
    )
}

#[component]
pub fn TechnicalChart(data: TechnicalUse) -> impl IntoView {
    let i18n = use_i18n();
    if data.benefits.is_empty() {
        return view! {
            <section class="chart" aria-labelledby="insights-technical-title">
                <h2 id="insights-technical-title" class="chart__title">{move || t_string!(i18n, insights.technical.title)}</h2>
                <p class="chart__summary">{move || t_string!(i18n, insights.technical.summary_none)}</p>
            </section>
        }
        .into_any();
    }
    let data = StoredValue::new(data);
    let on_download = Callback::new(move |()| {
        let (text, as_of) = data.with_value(|d| (csv_text(i18n, d), d.as_of));
        download_csv(&format!("technical-benefit-use-{as_of}.csv"), &text);
    });
    view! {
        <ChartFrame
            id="insights-technical"
            title=Signal::derive(move || t_string!(i18n, insights.technical.title).to_string())
            summary=Signal::derive(move || data.with_value(|d| summary(i18n, d)))
            allocation=Signal::derive(move || data.with_value(|d| chart(i18n, d)))
            table=Signal::derive(move || data.with_value(|d| table(i18n, d)))
            on_download
        />
    }
    .into_any()
}
