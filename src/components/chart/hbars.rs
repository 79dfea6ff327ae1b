//! Use against an allocation: one row per item with its name, a track as long as the
//! allocation, the used part filled over it and the figures written under it; the value axis
//! is the share of the allocation. An unlimited allowance has a dashed, open track. The width
//! follows the screen (lengths in %), so the text keeps its size.

use leptos::prelude::*;

use super::legend::{patterns, Key, Legend};
use super::points::{Focus, FocusPoints, HitArea, Readout};
use super::series::bar_rect;

const ROW: f64 = 64.0;
const TOP: f64 = 8.0;
const AXIS: f64 = 28.0;
/// The track runs from 2 % to 96 % of the width.
const START: f64 = 2.0;
const SPAN: f64 = 94.0;

fn pct(share: f64) -> String {
    format!("{:.2}%", START + SPAN * share.clamp(0.0, 1.0))
}

/// One item: `used` of `allocated` (`None`: unlimited), with its figures written out.
#[derive(Clone, Debug, PartialEq)]
pub struct AllocationRow {
    pub label: String,
    pub used: f64,
    pub allocated: Option<f64>,
    pub figures: String,
}

/// What an allocation chart draws; `point_labels` name the keyboard stops (one per row).
#[derive(Clone, Debug, PartialEq)]
pub struct Allocation {
    pub rows: Vec<AllocationRow>,
    pub point_labels: Vec<String>,
    /// Legend names: the used part, what is left, an unlimited allowance.
    pub used_name: String,
    pub left_name: String,
    pub unlimited_name: String,
    /// Shares of the allocation (0 to 1) with their labels.
    pub ticks: Vec<(f64, String)>,
    /// How to reach the rows' values (under the chart until one is focused).
    pub hint: String,
}

#[component]
pub fn AllocationSvg(id: &'static str, title: String, chart: Allocation) -> impl IntoView {
    let n = chart.rows.len();
    let height = TOP + ROW * n as f64 + AXIS;
    let focus = Focus::new(chart.point_labels.clone(), 0);
    let y = |i: usize| TOP + ROW * i as f64;
    let rows = chart.rows.iter().enumerate().map(|(i, row)| {
        let bar_y = format!("{:.1}", y(i) + 20.0);
        let track = match row.allocated {
            Some(allocated) => {
                let used = if allocated > 0.0 { row.used / allocated } else { 1.0 };
                view! {
                    {bar_rect(id, 2, pct(0.0), bar_y.clone(), format!("{SPAN:.2}%"), "18".into())}
                    {(used > 0.0).then(|| bar_rect(id, 0, pct(0.0), bar_y.clone(),
                        format!("{:.2}%", SPAN * used.min(1.0)), "18".into()))}
                }.into_any()
            }
            None => view! {
                <g class="chart__rule">
                    <line x1=pct(0.0) x2=pct(1.0) y1=format!("{:.1}", y(i) + 29.0) y2=format!("{:.1}", y(i) + 29.0) />
                </g>
            }.into_any(),
        };
        view! {
            <text x=pct(0.0) y=format!("{:.1}", y(i) + 14.0) class="chart__row-label">{row.label.clone()}</text>
            {track}
            <text x=pct(0.0) y=format!("{:.1}", y(i) + 54.0) class="chart__axis chart__row-figures">{row.figures.clone()}</text>
        }
    }).collect_view();
    let axis_y = y(n) + 16.0;
    let grid = chart.ticks.iter().map(|(share, label)| view! {
        <g class="chart__grid">
            <line x1=pct(*share) x2=pct(*share) y1=format!("{TOP:.1}") y2=format!("{:.1}", y(n)) />
            <text x=pct(*share) y=format!("{axis_y:.1}") text-anchor="middle">{label.clone()}</text>
        </g>
    }).collect_view();
    let areas = (0..n)
        .map(|i| HitArea {
            x: "0".into(),
            y: format!("{:.1}", y(i)),
            width: "100%".into(),
            height: format!("{ROW:.1}"),
        })
        .collect();
    let mut keys = vec![
        Key::Swatch(chart.used_name.clone(), 0),
        Key::Swatch(chart.left_name.clone(), 2),
    ];
    if chart.rows.iter().any(|r| r.allocated.is_none()) {
        keys.push(Key::Rule(chart.unlimited_name.clone()));
    }
    view! {
        <Legend id keys />
        <svg
            class="chart__svg chart__svg--fluid"
            role="group"
            aria-label=title
            width="100%"
            height=format!("{height:.1}")
            on:pointerleave=move |_| focus.readout.set(None)
        >
            <defs>{patterns(id)}</defs>
            {grid}
            {rows}
            <FocusPoints id focus areas />
        </svg>
        <Readout focus hint=chart.hint.clone() />
    }
}
