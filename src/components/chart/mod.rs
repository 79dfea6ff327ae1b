//! Charts drawn as inline SVG by our own components (no chart library, no canvas).
//!
//! A chart is a [`ChartFrame`]: a titled figure with a one-sentence summary, a toggle to show
//! the same numbers as a table, a CSV download and the drawing itself ([`svg::ChartSvg`]) in
//! a region that scrolls sideways on narrow screens. Every month is a keyboard stop (one tab
//! stop, arrow keys between months) whose accessible name is the month's values; the focused
//! or pointed-at month's values are also written out under the chart. Series are told apart
//! by pattern and shape as well as colour, and named in a legend.

mod axes;
mod download;
mod hbars;
mod legend;
mod points;
mod series;
mod svg;

pub use download::download_csv;
pub use hbars::{Allocation, AllocationRow};

use leptos::prelude::*;

use crate::i18n::{t, t_string, use_i18n};

/// Bars of one series; several bar series are stacked.
#[derive(Clone, Debug, PartialEq)]
pub struct BarSeries {
    pub name: String,
    pub values: Vec<f64>,
    /// Which of the five styles (colour and pattern) draws it.
    pub style: u8,
}

/// A line through one value per category.
#[derive(Clone, Debug, PartialEq)]
pub struct LineSeries {
    pub name: String,
    pub values: Vec<f64>,
}

/// A labelled horizontal line (a threshold).
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub label: String,
    pub value: f64,
}

/// A labelled marker on the line at one category (an event such as a tier reached).
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub index: usize,
    pub label: String,
}

/// What a chart draws. `point_labels` (one per category) are the accessible names of the
/// keyboard stops; `y_ticks` are the value axis's gridlines with their labels.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub categories: Vec<String>,
    pub bars: Vec<BarSeries>,
    pub lines: Vec<LineSeries>,
    pub rules: Vec<Rule>,
    pub marks: Vec<Mark>,
    pub point_labels: Vec<String>,
    pub y_max: f64,
    pub y_ticks: Vec<(f64, String)>,
}

/// The table alternative: column headers and rows whose first cell is the row's header.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A round upper bound for the value axis and its gridlines: about four steps of 1, 2 or 5
/// times a power of ten, covering `max`.
pub fn nice_ticks(max: f64) -> (f64, Vec<f64>) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let rough = max / 4.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * power);
    let top = (max / step).ceil() * step;
    let ticks = (0..=((top / step).round() as usize))
        .map(|i| i as f64 * step)
        .collect();
    (top, ticks)
}

/// A chart with its title, summary, table alternative and CSV download: a month chart
/// (`chart`) or an allocation chart (`allocation`).
#[component]
pub fn ChartFrame(
    /// DOM id prefix, unique on the page.
    id: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] summary: Signal<String>,
    #[prop(optional, into)] chart: Option<Signal<Chart>>,
    #[prop(optional, into)] allocation: Option<Signal<Allocation>>,
    #[prop(into)] table: Signal<Table>,
    /// Builds and downloads the CSV of the chart's data.
    on_download: Callback<()>,
    /// Notes under the chart (e.g. what is left out), if any.
    #[prop(optional, into)]
    note: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let showing_table = RwSignal::new(false);
    let title_id = format!("{id}-title");
    let summary_id = format!("{id}-summary");
    let figure = move || match (chart, allocation) {
        (Some(chart), _) => {
            view! { <svg::ChartSvg id title=title.get() chart=chart.get() /> }.into_any()
        }
        (None, Some(a)) => {
            view! { <hbars::AllocationSvg id title=title.get() chart=a.get() /> }.into_any()
        }
        (None, None) => ().into_any(),
    };
    view! {
        <section class="chart" class:chart--table=move || showing_table.get() id=id aria-labelledby=title_id.clone()>
            <h2 id=title_id.clone() class="chart__title">{move || title.get()}</h2>
            <p id=summary_id.clone() class="chart__summary">{move || summary.get()}</p>
            <div class="chart__actions">
                <button
                    type="button"
                    class="button button--quiet"
                    aria-pressed=move || showing_table.get().to_string()
                    on:click=move |_| showing_table.update(|t| *t = !*t)
                >
                    {t!(i18n, insights.frame.show_table)}
                </button>
                <button type="button" class="button button--quiet" on:click=move |_| on_download.run(())>
                    {t!(i18n, insights.frame.download_csv)}
                </button>
            </div>
            <div class="chart__figure">{figure}</div>
            <div class="chart__table-wrap" role="region" tabindex="0"
                aria-label=move || format!("{} – {}", title.get(), t_string!(i18n, insights.frame.table))>
                {move || view! { <DataTable caption=title.get() table=table.get() /> }}
            </div>
            {note.map(|note| view! { <p class="chart__note">{move || note.get()}</p> })}
        </section>
    }
}

#[component]
fn DataTable(caption: String, table: Table) -> impl IntoView {
    view! {
        <table class="chart__table">
            <caption>{caption}</caption>
            <thead>
                <tr>{table.headers.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr>
            </thead>
            <tbody>
                {table.rows.into_iter().map(|row| {
                    let mut cells = row.into_iter();
                    let head = cells.next().unwrap_or_default();
                    view! {
                        <tr>
                            <th scope="row">{head}</th>
                            {cells.map(|c| view! { <td>{c}</td> }).collect_view()}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::nice_ticks;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(
            nice_ticks(100_000.0),
            (
                100_000.0,
                vec![0.0, 25_000.0, 50_000.0, 75_000.0, 100_000.0]
            )
        );
        assert_eq!(nice_ticks(53.0), (60.0, vec![0.0, 20.0, 40.0, 60.0]));
        assert_eq!(nice_ticks(0.0), (1.0, vec![0.0, 0.25, 0.5, 0.75, 1.0]));
        for max in [1.0, 7.0, 99.0, 61_500.0, 81_000.0, 4_999_999.0] {
            let (top, ticks) = nice_ticks(max);
            assert!(
                top >= max && ticks.len() >= 2 && ticks.len() <= 6,
                "{max}: {top} {ticks:?}"
            );
            assert_eq!(ticks.last().copied(), Some(top));
        }
    }
}
