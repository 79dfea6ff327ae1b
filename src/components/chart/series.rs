//! The month charts' series: stacked bars (colour and pattern per series), lines with point
//! markers (a missing value breaks the line), labelled threshold rules and event marks.

use leptos::prelude::*;

use super::axes::{fmt, Plot, COLUMN, LEFT, RIGHT};
use super::{BarSeries, LineSeries, Mark, Rule};

/// One bar segment filled with series `style`'s colour and pattern.
pub fn bar_rect(
    id: &'static str,
    style: u8,
    x: String,
    y: String,
    w: String,
    h: String,
) -> impl IntoView {
    view! {
        <g class=format!("chart__bar chart__s{style}")>
            <rect x=x.clone() width=w.clone() y=y.clone() height=h.clone() />
            <rect class="chart__pattern" fill=format!("url(#{id}-pat{style})") x=x width=w y=y height=h />
        </g>
    }
}

pub fn bars(id: &'static str, p: Plot, series: &[BarSeries]) -> impl IntoView {
    let mut stacked = vec![0.0f64; p.n];
    series
        .iter()
        .map(|s| {
            s.values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let base = stacked.get(i).copied().unwrap_or(0.0);
                    if let Some(total) = stacked.get_mut(i) {
                        *total += v;
                    }
                    let (top, bottom) = (p.y(base + v), p.y(base));
                    (*v > 0.0).then(|| {
                        bar_rect(
                            id,
                            s.style,
                            fmt(p.x_mid(i) - COLUMN * 0.35),
                            fmt(top),
                            fmt(COLUMN * 0.7),
                            fmt((bottom - top).max(0.0)),
                        )
                    })
                })
                .collect_view()
        })
        .collect_view()
}

pub fn rules(p: Plot, rules: &[Rule]) -> impl IntoView {
    rules.iter().map(|rule| {
        let ry = fmt(p.y(rule.value));
        view! {
            <g class="chart__rule">
                <line x1=fmt(LEFT) x2=fmt(p.width() - RIGHT) y1=ry.clone() y2=ry.clone() />
                <text x=fmt(p.width() - RIGHT + 4.0) y=ry dominant-baseline="middle">{rule.label.clone()}</text>
            </g>
        }
    }).collect_view()
}

/// Each line as polylines through its known values (a value that is not finite is a gap).
pub fn lines(p: Plot, lines: &[LineSeries]) -> impl IntoView {
    lines
        .iter()
        .map(|line| {
            let known = |i: usize| line.values.get(i).copied().filter(|v| v.is_finite());
            let mut runs: Vec<Vec<String>> = vec![Vec::new()];
            for i in 0..line.values.len() {
                match known(i) {
                    Some(v) => {
                        if let Some(run) = runs.last_mut() {
                            run.push(format!("{},{}", fmt(p.x_mid(i)), fmt(p.y(v))));
                        }
                    }
                    None => runs.push(Vec::new()),
                }
            }
            let polylines = runs
                .into_iter()
                .filter(|r| r.len() > 1)
                .map(|r| {
                    view! {
                        <polyline points=r.join(" ") fill="none" />
                    }
                })
                .collect_view();
            let dots = (0..line.values.len())
                .filter_map(|i| {
                    known(i).map(|v| {
                        view! {
                            <circle cx=fmt(p.x_mid(i)) cy=fmt(p.y(v)) r="3.5" />
                        }
                    })
                })
                .collect_view();
            view! { <g class="chart__line">{polylines}{dots}</g> }
        })
        .collect_view()
}

/// Diamonds on the first line at the marked months, with their labels above.
pub fn marks(p: Plot, marks: &[Mark], line: Option<&LineSeries>) -> impl IntoView {
    marks.iter().map(|mark| {
        let value = line.and_then(|l| l.values.get(mark.index)).copied().unwrap_or(0.0);
        let (mx, my) = (p.x_mid(mark.index), p.y(value));
        view! {
            <g class="chart__mark">
                <path d=format!("M{} {} l6 -6 l6 6 l-6 6 z", fmt(mx - 6.0), fmt(my)) />
                <text x=fmt(mx) y=fmt((my - 12.0).max(10.0)) text-anchor="middle">{mark.label.clone()}</text>
            </g>
        }
    }).collect_view()
}
