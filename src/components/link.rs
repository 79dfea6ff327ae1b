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

/// A link to a site outside the portal: a new tab without access back to
/// this page (`rel="noopener noreferrer"`), and words saying that it leaves
/// the portal (`leaves`, visually hidden but read with the link's name).
#[component]
pub fn ExternalLink(
    href: String,
    #[prop(into)] leaves: Signal<String>,
    #[prop(optional, into)] class: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <a href=href class=class target="_blank" rel="noopener noreferrer">
            {children()}
            <span class="external-link__icon" aria-hidden="true">" ↗"</span>
            <span class="visually-hidden">" " {move || leaves.get()}</span>
        </a>
    }
}
