//! The month charts' drawing: the value axis, the series, the month axis, the legend and one
//! keyboard stop per month, put together from the parts in this folder.

use leptos::prelude::*;

use super::axes::{fmt, month_axis, value_grid, Plot, COLUMN, HEIGHT, LEFT, TOP};
use super::legend::{patterns, Key, Legend};
use super::points::{Focus, FocusPoints, HitArea, Readout};
use super::{series, Chart};
use crate::i18n::{t_string, use_i18n};

/// The legend of a month chart: bar series, lines, then the rule and mark keys if drawn.
fn keys(i18n: crate::i18n::I18n, chart: &Chart) -> Vec<Key> {
    chart
        .bars
        .iter()
        .map(|s| Key::Swatch(s.name.clone(), s.style))
        .chain(chart.lines.iter().map(|l| Key::Line(l.name.clone())))
        .chain(
            (!chart.rules.is_empty())
                .then(|| Key::Rule(t_string!(i18n, insights.frame.rule_key).to_string())),
        )
        .chain(
            (!chart.marks.is_empty())
                .then(|| Key::Mark(t_string!(i18n, insights.frame.mark_key).to_string())),
        )
        .collect()
}

#[component]
pub fn ChartSvg(id: &'static str, title: String, chart: Chart) -> impl IntoView {
    let i18n = use_i18n();
    let p = Plot::new(chart.categories.len(), chart.y_max);
    let focus = Focus::new(chart.point_labels.clone(), p.n - 1);
    let areas = (0..p.n)
        .map(|i| HitArea {
            x: fmt(LEFT + COLUMN * i as f64),
            y: fmt(TOP),
            width: fmt(COLUMN),
            height: fmt(p.height()),
        })
        .collect();

    // A chart wider than the screen starts scrolled to its latest months.
    let scroller = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            request_animation_frame(move || el.set_scroll_left(el.scroll_width()));
        }
    });
    let region = title.clone();
    view! {
        <Legend id keys=keys(i18n, &chart) />
        <div class="chart__scroll" role="region" tabindex="0" aria-label=region node_ref=scroller>
            <svg
                class="chart__svg"
                role="group"
                aria-label=title
                width=fmt(p.width())
                height=fmt(HEIGHT)
                viewBox=format!("0 0 {} {}", fmt(p.width()), fmt(HEIGHT))
                on:pointerleave=move |_| focus.readout.set(None)
            >
                <defs>{patterns(id)}</defs>
                {value_grid(p, &chart.y_ticks)}
                {series::bars(id, p, &chart.bars)}
                {series::rules(p, &chart.rules)}
                {series::lines(p, &chart.lines)}
                {series::marks(p, &chart.marks, chart.lines.first())}
                {month_axis(p, &chart.categories)}
                <FocusPoints id focus areas />
            </svg>
        </div>
        <Readout focus />
    }
}
