//! The main navigation and, on narrow screens, the Menu disclosure that shows it (WAI-ARIA APG
//! disclosure: a button with `aria-expanded` controlling the panel). Wide screens always show
//! the navigation beside the page; the stylesheet hides the button there.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::header::Account;
use crate::components::focus::focus_by_id;
use crate::components::link::A;
use crate::i18n::{t, t_string, use_i18n};
use crate::paths;
use crate::session::use_session;

const NAV_ID: &str = "site-nav";
const MENU_BUTTON_ID: &str = "menu-button";

/// Whether the narrow-screen menu is open.
#[derive(Clone, Copy)]
pub struct Menu {
    open: RwSignal<bool>,
}

pub fn new_menu() -> Menu {
    Menu {
        open: RwSignal::new(false),
    }
}

/// A followed link closes the menu (also one to the page already shown).
fn closes_on_link(menu: Menu) -> impl Fn(leptos::ev::MouseEvent) {
    move |ev| {
        let on_link = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a").ok().flatten())
            .is_some();
        if on_link {
            menu.open.set(false);
        }
    }
}

#[component]
pub fn MenuButton(menu: Menu) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            id=MENU_BUTTON_ID
            class="button button--quiet menu-button"
            aria-expanded=move || menu.open.get().to_string()
            aria-controls=NAV_ID
            on:click=move |_| menu.open.update(|open| *open = !*open)
        >
            <span class="menu-button__icon" aria-hidden="true"></span>
            {t!(i18n, common.header.menu)}
        </button>
    }
}

#[component]
pub fn SideNav(menu: Menu) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // The programme's pages only exist for a tenant associated with the account.
    let programme_visible = move || session.with_me(|me| me.programme_visible).unwrap_or(false);
    // Escape closes the open menu and hands focus back to its button.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && menu.open.get_untracked() {
            menu.open.set(false);
            focus_by_id(MENU_BUTTON_ID);
        }
    };
    view! {
        <nav
            id=NAV_ID
            class="shell__nav"
            class:shell__nav--open=move || menu.open.get()
            aria-label=move || t_string!(i18n, common.nav.label)
            on:keydown=on_keydown
            on:click=closes_on_link(menu)
        >
            // Narrow screens only (the header shows it on wide ones); rendered while open so the
            // page has one account block at a time.
            <Show when=move || menu.open.get()>
                <div class="shell__nav-account">
                    <Account />
                </div>
            </Show>
            <ul class="nav-list">
                <li><A href=paths::OVERVIEW exact=true>{t!(i18n, common.nav.overview)}</A></li>
                <Show when=programme_visible>
                    <li>
                        <span class="nav-list__group">{t!(i18n, common.nav.benefits)}</span>
                        <ul>
                            <li><A href=paths::SALES_MARKETING>{t!(i18n, common.nav.sales_marketing)}</A></li>
                            <li><A href=paths::TECHNICAL>{t!(i18n, common.nav.technical)}</A></li>
                        </ul>
                    </li>
                    <li><A href=paths::TECHNICAL_REQUEST>{t!(i18n, common.nav.technical_requests)}</A></li>
                    <li><A href=paths::INSIGHTS>{t!(i18n, common.nav.insights)}</A></li>
                </Show>
                <li>
                    <span class="nav-list__group">{t!(i18n, common.nav.settings)}</span>
                    <ul>
                        <li><A href=paths::TENANTS>{t!(i18n, common.nav.tenants)}</A></li>
                    </ul>
                </li>
            </ul>
        </nav>
    }
}
