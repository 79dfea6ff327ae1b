//! The month charts' geometry, the value axis (gridlines with their labels) and the month axis.

use leptos::prelude::*;

pub const HEIGHT: f64 = 300.0;
pub const TOP: f64 = 24.0;
pub const BOTTOM: f64 = 44.0;
pub const LEFT: f64 = 64.0;
pub const RIGHT: f64 = 72.0;
pub const COLUMN: f64 = 32.0;

/// A coordinate as the SVG attributes take it.
pub fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// Where `n` months and values up to `y_max` go in the drawing.
#[derive(Clone, Copy)]
pub struct Plot {
    pub n: usize,
    pub y_max: f64,
}

impl Plot {
    pub fn new(n: usize, y_max: f64) -> Self {
        let y_max = if y_max > 0.0 { y_max } else { 1.0 };
        Plot { n: n.max(1), y_max }
    }
    pub fn width(self) -> f64 {
        LEFT + RIGHT + COLUMN * self.n as f64
    }
    pub fn height(self) -> f64 {
        HEIGHT - TOP - BOTTOM
    }
    pub fn y(self, v: f64) -> f64 {
        TOP + self.height() * (1.0 - (v / self.y_max).clamp(0.0, 1.0))
    }
    pub fn x_mid(self, i: usize) -> f64 {
        LEFT + COLUMN * (i as f64 + 0.5)
    }
}

/// Horizontal gridlines at the ticks, labelled on the left.
pub fn value_grid(p: Plot, ticks: &[(f64, String)]) -> impl IntoView {
    ticks.iter().map(|(v, label)| {
        let gy = fmt(p.y(*v));
        view! {
            <g class="chart__grid">
                <line x1=fmt(LEFT) x2=fmt(p.width() - RIGHT) y1=gy.clone() y2=gy.clone() />
                <text x=fmt(LEFT - 6.0) y=gy text-anchor="end" dominant-baseline="middle">{label.clone()}</text>
            </g>
        }
    }).collect_view()
}

/// Month labels: every other month when there are many, always the last.
pub fn month_axis(p: Plot, categories: &[String]) -> impl IntoView {
    let n = categories.len();
    categories.iter().enumerate().map(|(i, label)| {
        let shown = n <= 12 || i % 2 == (n - 1) % 2;
        shown.then(|| view! {
            <text class="chart__axis" x=fmt(p.x_mid(i)) y=fmt(HEIGHT - BOTTOM + 16.0) text-anchor="middle">{label.clone()}</text>
        })
    }).collect_view()
}
