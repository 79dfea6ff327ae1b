//! The drawing: value axis with gridlines, stacked bars (colour and pattern per series),
//! lines with point markers, labelled threshold rules and event marks, the month axis, a
//! legend, and one keyboard stop per month (roving tabindex; arrows, Home and End).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Chart;
use crate::i18n::{t, use_i18n};

const HEIGHT: f64 = 300.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 44.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 72.0;
const COLUMN: f64 = 32.0;

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

#[component]
pub fn ChartSvg(id: &'static str, title: String, chart: Chart) -> impl IntoView {
    let i18n = use_i18n();
    let n = chart.categories.len().max(1);
    let width = LEFT + RIGHT + COLUMN * n as f64;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y_max = if chart.y_max > 0.0 { chart.y_max } else { 1.0 };
    let y = move |v: f64| TOP + plot_h * (1.0 - (v / y_max).clamp(0.0, 1.0));
    let x_mid = move |i: usize| LEFT + COLUMN * (i as f64 + 0.5);
    let active = RwSignal::new(n - 1);
    let readout = RwSignal::new(None::<usize>);
    let labels = StoredValue::new(chart.point_labels.clone());
    let point_id = move |i: usize| format!("{id}-p{i}");

    let grid = chart.y_ticks.iter().map(|(v, label)| {
        let gy = fmt(y(*v));
        view! {
            <g class="chart__grid">
                <line x1=fmt(LEFT) x2=fmt(width - RIGHT) y1=gy.clone() y2=gy.clone() />
                <text x=fmt(LEFT - 6.0) y=gy text-anchor="end" dominant-baseline="middle">{label.clone()}</text>
            </g>
        }
    }).collect_view();

    let mut stacked = vec![0.0f64; n];
    let bars = chart.bars.iter().map(|series| {
        let style = series.style;
        series.values.iter().enumerate().map(|(i, v)| {
            let base = stacked[i];
            stacked[i] += v;
            let (top, bottom) = (y(base + v), y(base));
            (*v > 0.0).then(|| view! {
                <g class=format!("chart__bar chart__s{style}")>
                    <rect x=fmt(x_mid(i) - COLUMN * 0.35) width=fmt(COLUMN * 0.7) y=fmt(top) height=fmt((bottom - top).max(0.0)) />
                    <rect class="chart__pattern" fill=format!("url(#{id}-pat{style})")
                        x=fmt(x_mid(i) - COLUMN * 0.35) width=fmt(COLUMN * 0.7) y=fmt(top) height=fmt((bottom - top).max(0.0)) />
                </g>
            })
        }).collect_view()
    }).collect_view();

    let rules = chart.rules.iter().map(|rule| {
        let ry = fmt(y(rule.value));
        view! {
            <g class="chart__rule">
                <line x1=fmt(LEFT) x2=fmt(width - RIGHT) y1=ry.clone() y2=ry.clone() />
                <text x=fmt(width - RIGHT + 4.0) y=ry dominant-baseline="middle">{rule.label.clone()}</text>
            </g>
        }
    }).collect_view();

    let lines = chart
        .lines
        .iter()
        .map(|line| {
            let points: Vec<String> = line
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| format!("{},{}", fmt(x_mid(i)), fmt(y(*v))))
                .collect();
            let dots = line
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    view! {
                        <circle cx=fmt(x_mid(i)) cy=fmt(y(*v)) r="3.5" />
                    }
                })
                .collect_view();
            view! {
                <g class="chart__line">
                    <polyline points=points.join(" ") fill="none" />
                    {dots}
                </g>
            }
        })
        .collect_view();

    let marks = chart.marks.iter().map(|mark| {
        let value = chart.lines.first().and_then(|l| l.values.get(mark.index)).copied().unwrap_or(0.0);
        let (mx, my) = (x_mid(mark.index), y(value));
        view! {
            <g class="chart__mark">
                <path d=format!("M{} {} l6 -6 l6 6 l-6 6 z", fmt(mx - 6.0), fmt(my)) />
                <text x=fmt(mx) y=fmt((my - 12.0).max(10.0)) text-anchor="middle">{mark.label.clone()}</text>
            </g>
        }
    }).collect_view();

    // Month labels: every other month when there are many, always the last.
    let axis = chart.categories.iter().enumerate().map(|(i, label)| {
        let shown = n <= 12 || i % 2 == (n - 1) % 2;
        shown.then(|| view! {
            <text class="chart__axis" x=fmt(x_mid(i)) y=fmt(HEIGHT - BOTTOM + 16.0) text-anchor="middle">{label.clone()}</text>
        })
    }).collect_view();

    let move_to = move |i: usize| {
        active.set(i);
        readout.set(Some(i));
        // An SVG element: `focus()` is the same method as on HTML elements.
        if let Some(point) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&point_id(i)))
        {
            let _ = point.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let current = active.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (current + 1).min(n - 1),
            "ArrowLeft" | "ArrowUp" => current.saturating_sub(1),
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        move_to(next);
    };
    let hits = (0..n)
        .map(|i| {
            view! {
                <rect
                    id=point_id(i)
                    class="chart__hit"
                    role="img"
                    aria-label=labels.with_value(|l| l.get(i).cloned().unwrap_or_default())
                    tabindex=move || if active.get() == i { "0" } else { "-1" }
                    x=fmt(LEFT + COLUMN * i as f64) width=fmt(COLUMN) y=fmt(TOP) height=fmt(plot_h)
                    on:focus=move |_| { active.set(i); readout.set(Some(i)); }
                    on:pointerenter=move |_| readout.set(Some(i))
                    on:click=move |_| move_to(i)
                />
            }
        })
        .collect_view();

    let legend = chart.bars.iter().map(|s| {
        let style = s.style;
        view! {
            <li>
                <svg class="chart__swatch" width="16" height="16" aria-hidden="true">
                    <g class=format!("chart__bar chart__s{style}")>
                        <rect width="16" height="16" />
                        <rect class="chart__pattern" width="16" height="16" fill=format!("url(#{id}-pat{style})") />
                    </g>
                </svg>
                {s.name.clone()}
            </li>
        }.into_any()
    }).chain(chart.lines.iter().map(|l| view! {
        <li><span class="chart__key chart__key--line" aria-hidden="true"></span>{l.name.clone()}</li>
    }.into_any())).chain((!chart.rules.is_empty()).then(|| view! {
        <li><span class="chart__key chart__key--rule" aria-hidden="true"></span>{t!(i18n, insights.frame.rule_key)}</li>
    }.into_any())).chain((!chart.marks.is_empty()).then(|| view! {
        <li><span class="chart__key chart__key--mark" aria-hidden="true"></span>{t!(i18n, insights.frame.mark_key)}</li>
    }.into_any())).collect_view();

    // A chart wider than the screen starts scrolled to its latest months.
    let scroller = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            request_animation_frame(move || el.set_scroll_left(el.scroll_width()));
        }
    });
    view! {
        <ul class="chart__legend">{legend}</ul>
        <div class="chart__scroll" role="region" tabindex="0" aria-label=title node_ref=scroller>
            <svg
                class="chart__svg"
                role="group"
                aria-label=title.clone()
                width=fmt(width)
                height=fmt(HEIGHT)
                viewBox=format!("0 0 {} {}", fmt(width), fmt(HEIGHT))
                on:keydown=on_keydown
                on:pointerleave=move |_| readout.set(None)
            >
                <defs>{patterns(id)}</defs>
                {grid}
                {bars}
                {rules}
                {lines}
                {marks}
                {axis}
                {hits}
            </svg>
        </div>
        <p class="chart__readout" aria-hidden="true">
            {move || readout.get().and_then(|i| labels.with_value(|l| l.get(i).cloned()))
                .unwrap_or_else(|| crate::i18n::t_string!(i18n, insights.frame.focus_hint).to_string())}
        </p>
    }
}

/// The five fill patterns, drawn over the series colour: none, diagonal stripes, dots,
/// cross-hatch, horizontal stripes.
fn patterns(id: &'static str) -> impl IntoView {
    view! {
        <pattern id=format!("{id}-pat0") width="6" height="6" patternUnits="userSpaceOnUse"></pattern>
        <pattern id=format!("{id}-pat1") width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6" class="chart__hatch" />
        </pattern>
        <pattern id=format!("{id}-pat2") width="6" height="6" patternUnits="userSpaceOnUse">
            <circle cx="3" cy="3" r="1.4" class="chart__dot" />
        </pattern>
        <pattern id=format!("{id}-pat3") width="6" height="6" patternUnits="userSpaceOnUse">
            <path d="M0 0 L6 6 M6 0 L0 6" class="chart__hatch" />
        </pattern>
        <pattern id=format!("{id}-pat4") width="6" height="6" patternUnits="userSpaceOnUse">
            <line x1="0" y1="3" x2="6" y2="3" class="chart__hatch" />
        </pattern>
    }
}
