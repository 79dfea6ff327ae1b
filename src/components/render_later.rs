//! Content rendered one task after the rest of its page. A page whose first render is one long
//! task keeps input waiting (total blocking time); the parts below the first screen can come a
//! task later each, in order, so that no task is long. Only for content that nothing above it
//! depends on: it appears below what is already laid out, so nothing shifts.

use std::time::Duration;

use leptos::prelude::*;

#[component]
pub fn RenderLater(children: ChildrenFn) -> impl IntoView {
    let shown = RwSignal::new(false);
    // Each instance in its own task (timers run in the order they were set).
    set_timeout(move || shown.set(true), Duration::ZERO);
    view! { <Show when=move || shown.get()>{children()}</Show> }
}
