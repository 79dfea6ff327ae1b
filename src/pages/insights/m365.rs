//! Microsoft 365 apps over time: for each app, seats sold by month as bars and monthly active
//! users as a line, with the tiers' user thresholds as rules. No app: one sentence says so.

use leptos::prelude::*;
use rewards_core::csv::{self, Cell};
use rewards_core::insights::m365::{AppUsage, M365Usage, UsageMonth};

use super::{fill, months};
use crate::components::chart::{
    download_csv, nice_ticks, BarSeries, Chart, ChartFrame, LineSeries, Rule, Table,
};
use crate::i18n::domain::tier_label;
use crate::i18n::{format, t_string, use_i18n, I18n};

fn n(i18n: I18n, v: Option<u64>) -> String {
    v.map(|v| format::number(i18n.get_locale(), i64::try_from(v).unwrap_or(i64::MAX)))
        .unwrap_or_else(|| t_string!(i18n, insights.m365.no_data).to_string())
}

fn point_label(i18n: I18n, m: &UsageMonth) -> String {
    fill(
        t_string!(i18n, insights.m365.point),
        &[
            ("month", months::long(i18n.get_locale(), m.month)),
            ("seats", n(i18n, m.seats_sold)),
            ("users", n(i18n, m.monthly_active_users)),
        ],
    )
}

fn chart(i18n: I18n, app: &AppUsage) -> Chart {
    let locale = i18n.get_locale();
    let m = &app.months;
    let highest = m
        .iter()
        .flat_map(|x| [x.seats_sold, x.monthly_active_users])
        .flatten()
        .chain(app.thresholds.iter().map(|t| t.monthly_active_users))
        .max()
        .unwrap_or(0);
    let (y_max, ticks) = nice_ticks(highest as f64);
    Chart {
        categories: m.iter().map(|x| months::short(locale, x.month)).collect(),
        bars: vec![BarSeries {
            name: t_string!(i18n, insights.m365.seats).to_string(),
            values: m.iter().map(|x| x.seats_sold.unwrap_or(0) as f64).collect(),
            style: 1,
        }],
        lines: vec![LineSeries {
            name: t_string!(i18n, insights.m365.users).to_string(),
            // A month without a figure is a gap in the line.
            values: m
                .iter()
                .map(|x| x.monthly_active_users.map_or(f64::NAN, |v| v as f64))
                .collect(),
        }],
        rules: app
            .thresholds
            .iter()
            .map(|t| Rule {
                label: tier_label(i18n, t.tier),
                value: t.monthly_active_users as f64,
            })
            .collect(),
        marks: Vec::new(),
        point_labels: m.iter().map(|x| point_label(i18n, x)).collect(),
        y_max,
        y_ticks: ticks
            .into_iter()
            .map(|v| (v, format::number(locale, v as i64)))
            .collect(),
    }
}

fn headers(i18n: I18n) -> Vec<String> {
    [
        t_string!(i18n, insights.columns.month),
        t_string!(i18n, insights.m365.seats),
        t_string!(i18n, insights.m365.users),
        t_string!(i18n, insights.m365.tier),
    ]
    .map(str::to_string)
    .to_vec()
}

fn table(i18n: I18n, app: &AppUsage) -> Table {
    let locale = i18n.get_locale();
    Table {
        headers: headers(i18n),
        rows: app
            .months
            .iter()
            .map(|x| {
                vec![
                    months::long(locale, x.month),
                    n(i18n, x.seats_sold),
                    n(i18n, x.monthly_active_users),
                    x.tier.map(|t| tier_label(i18n, t)).unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

/// The CSV: ISO months, plain numbers, empty where the data has no figure.
fn csv_text(i18n: I18n, app: &AppUsage) -> String {
    let headers = headers(i18n);
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let int = |v: Option<u64>| {
        v.map_or(Cell::Empty, |v| {
            Cell::Int(i64::try_from(v).unwrap_or(i64::MAX))
        })
    };
    let rows: Vec<Vec<Cell>> = app
        .months
        .iter()
        .map(|x| {
            vec![
                Cell::Month(x.month),
                int(x.seats_sold),
                int(x.monthly_active_users),
                x.tier
                    .map_or(Cell::Empty, |t| Cell::from(tier_label(i18n, t))),
            ]
        })
        .collect();
    csv::write(&headers, &rows)
}

fn summary(i18n: I18n, app: &AppUsage) -> String {
    let locale = i18n.get_locale();
    let users = |x: &&UsageMonth| x.monthly_active_users.is_some();
    let (Some(first), Some(last)) = (
        app.months.iter().find(users),
        app.months.iter().rev().find(users),
    ) else {
        return t_string!(i18n, insights.m365.summary_no_users).to_string();
    };
    let seats = app
        .months
        .iter()
        .rev()
        .find_map(|x| x.seats_sold.map(|s| (x.month, s)));
    let mut text = fill(
        t_string!(i18n, insights.m365.summary),
        &[
            ("app", app.name.clone()),
            ("from", n(i18n, first.monthly_active_users)),
            ("start", months::long(locale, first.month)),
            ("to", n(i18n, last.monthly_active_users)),
            ("end", months::long(locale, last.month)),
        ],
    );
    if let Some((month, s)) = seats {
        text.push(' ');
        text.push_str(&fill(
            t_string!(i18n, insights.m365.summary_seats),
            &[
                ("seats", n(i18n, Some(s))),
                ("month", months::long(locale, month)),
            ],
        ));
    }
    text
}

#[component]
fn AppChart(app: AppUsage, index: usize, as_of: rewards_core::date::Date) -> impl IntoView {
    let i18n = use_i18n();
    // DOM ids are static strings; a second app's (rare) lives as long as the page's code.
    let id: &'static str = match index {
        0 => "insights-m365",
        n => Box::leak(format!("insights-m365-{}", n + 1).into_boxed_str()),
    };
    let app = StoredValue::new(app);
    let on_download = Callback::new(move |()| {
        let (text, offer) = app.with_value(|a| (csv_text(i18n, a), a.offer_id.clone()));
        download_csv(&format!("m365-usage-{offer}-{as_of}.csv"), &text);
    });
    view! {
        <ChartFrame
            id
            title=Signal::derive(move || app.with_value(|a| fill(t_string!(i18n, insights.m365.title), &[("app", a.name.clone())])))
            summary=Signal::derive(move || app.with_value(|a| summary(i18n, a)))
            chart=Signal::derive(move || app.with_value(|a| chart(i18n, a)))
            table=Signal::derive(move || app.with_value(|a| table(i18n, a)))
            note=Signal::derive(move || t_string!(i18n, insights.m365.note).to_string())
            on_download
        />
    }
}

#[component]
pub fn M365Charts(data: M365Usage) -> impl IntoView {
    let i18n = use_i18n();
    if data.apps.is_empty() {
        return view! {
            <section class="chart" aria-labelledby="insights-m365-title">
                <h2 id="insights-m365-title" class="chart__title">{move || t_string!(i18n, insights.m365.heading)}</h2>
                <p class="chart__summary">{move || t_string!(i18n, insights.m365.none)}</p>
            </section>
        }
        .into_any();
    }
    let as_of = data.as_of;
    data.apps
        .into_iter()
        .enumerate()
        .map(|(index, app)| view! { <AppChart app index as_of /> })
        .collect_view()
        .into_any()
}
