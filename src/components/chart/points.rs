//! The keyboard stops of a chart: one focusable shape per data point whose accessible name is
//! its values, one tab stop for all (roving tabindex; arrows, Home and End move), and the
//! readout under the chart that writes out the focused or pointed-at point.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{t_string, use_i18n};

/// Which point has the tab stop, and which one the readout shows.
#[derive(Clone, Copy)]
pub struct Focus {
    pub active: RwSignal<usize>,
    pub readout: RwSignal<Option<usize>>,
    pub labels: StoredValue<Vec<String>>,
}

impl Focus {
    /// The tab stop starts on point `start`.
    pub fn new(labels: Vec<String>, start: usize) -> Self {
        Focus {
            active: RwSignal::new(start),
            readout: RwSignal::new(None),
            labels: StoredValue::new(labels),
        }
    }
}

/// Where a point's focusable shape goes (SVG lengths, px or %).
pub struct HitArea {
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
}

/// The focusable shapes in a group that handles the keys.
#[component]
pub fn FocusPoints(id: &'static str, focus: Focus, areas: Vec<HitArea>) -> impl IntoView {
    let n = areas.len().max(1);
    let point_id = move |i: usize| format!("{id}-p{i}");
    let Focus {
        active,
        readout,
        labels,
    } = focus;
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
    let hits = areas
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            view! {
                <rect
                    id=point_id(i)
                    class="chart__hit"
                    role="img"
                    aria-label=labels.with_value(|l| l.get(i).cloned().unwrap_or_default())
                    tabindex=move || if active.get() == i { "0" } else { "-1" }
                    x=a.x width=a.width y=a.y height=a.height
                    on:focus=move |_| { active.set(i); readout.set(Some(i)); }
                    on:pointerenter=move |_| readout.set(Some(i))
                    on:click=move |_| move_to(i)
                />
            }
        })
        .collect_view();
    view! { <g class="chart__points" on:keydown=on_keydown>{hits}</g> }
}

/// The focused or pointed-at point's values, or how to reach them (`hint`; by default how
/// to reach a month).
#[component]
pub fn Readout(focus: Focus, #[prop(optional)] hint: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let Focus {
        readout, labels, ..
    } = focus;
    let hint = StoredValue::new(hint);
    view! {
        <p class="chart__readout" aria-hidden="true">
            {move || readout.get().and_then(|i| labels.with_value(|l| l.get(i).cloned()))
                .or_else(|| hint.get_value())
                .unwrap_or_else(|| t_string!(i18n, insights.frame.focus_hint).to_string())}
        </p>
    }
}
