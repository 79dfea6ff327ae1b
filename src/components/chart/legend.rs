//! The legend (series named with their swatch, line or key) and the fill patterns that tell
//! bar series apart without colour.

use leptos::prelude::*;

/// One legend entry.
#[derive(Clone, Debug, PartialEq)]
pub enum Key {
    /// A bar series drawn in style (colour and pattern) `.1`.
    Swatch(String, u8),
    Line(String),
    /// A dashed line (a threshold, an open-ended allowance).
    Rule(String),
    Mark(String),
}

#[component]
pub fn Legend(id: &'static str, keys: Vec<Key>) -> impl IntoView {
    let items = keys.into_iter().map(|key| match key {
        Key::Swatch(name, style) => view! {
            <li>
                <svg class="chart__swatch" width="16" height="16" aria-hidden="true">
                    <g class=format!("chart__bar chart__s{style}")>
                        <rect width="16" height="16" />
                        <rect class="chart__pattern" width="16" height="16" fill=format!("url(#{id}-pat{style})") />
                    </g>
                </svg>
                {name}
            </li>
        }.into_any(),
        Key::Line(name) => view! {
            <li><span class="chart__key chart__key--line" aria-hidden="true"></span>{name}</li>
        }.into_any(),
        Key::Rule(name) => view! {
            <li><span class="chart__key chart__key--rule" aria-hidden="true"></span>{name}</li>
        }.into_any(),
        Key::Mark(name) => view! {
            <li><span class="chart__key chart__key--mark" aria-hidden="true"></span>{name}</li>
        }.into_any(),
    }).collect_view();
    view! { <ul class="chart__legend">{items}</ul> }
}

/// The five fill patterns, drawn over the series colour: none, diagonal stripes, dots,
/// cross-hatch, horizontal stripes.
pub fn patterns(id: &'static str) -> impl IntoView {
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
