//! In-app links that keep the base path. leptos_router's `<A>` leaves absolute
//! hrefs alone, so under a sub-path (`/portal/rewards/`) `/benefits` would
//! leave the app; this `<A>` puts the router's base in front.

use leptos::prelude::*;
use leptos_router::components::ToHref;

thread_local! {
    static BASE: String = crate::embed::router_base();
}

/// `/benefits` → `/portal/rewards/benefits` under that base; other hrefs unchanged.
pub fn with_base(href: &str) -> String {
    if href.starts_with('/') && !href.starts_with("//") {
        BASE.with(|base| format!("{base}{href}"))
    } else {
        href.to_string()
    }
}

#[component]
pub fn A<H>(
    href: H,
    /// Marks the link current only on an exact match (see leptos_router's `A`).
    #[prop(optional)]
    exact: bool,
    children: Children,
) -> impl IntoView
where
    H: ToHref + Send + Sync + 'static,
{
    let href = move || with_base(&(href.to_href())());
    view! {
        <leptos_router::components::A href exact>
            {children()}
        </leptos_router::components::A>
    }
}
