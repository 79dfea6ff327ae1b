//! The application frame: skip link, header, navigation and main landmark.

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::app::paths;
use crate::components::language_switcher::LanguageSwitcher;
use crate::i18n::{t, t_string, use_i18n};

pub const MAIN_ID: &str = "main";

#[component]
pub fn AppShell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href=format!("#{MAIN_ID}") on:click=focus_main>
            {t!(i18n, skip_link)}
        </a>
        <div class="shell">
            <Header />
            <SideNav />
            <main id=MAIN_ID class="shell__main" tabindex="-1">
                {children()}
            </main>
        </div>
    }
}

/// The router would treat `#main` as a navigation; move focus ourselves instead.
fn focus_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(MAIN_ID));
    if let Some(main) = main.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = main.focus();
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="shell__header">
            <A href=paths::OVERVIEW attr:class="brand">
                <span class="brand__mark" aria-hidden="true"></span>
                <span class="brand__name">{t!(i18n, app.name)}</span>
            </A>
            <div class="shell__header-tools">
                <p class="account">
                    <span class="visually-hidden">{t!(i18n, header.account)} ": "</span>
                    {t!(i18n, header.not_signed_in)}
                </p>
                <LanguageSwitcher />
            </div>
        </header>
    }
}

#[component]
fn SideNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="shell__nav" aria-label=move || t_string!(i18n, nav.label)>
            <ul class="nav-list">
                <li><A href=paths::OVERVIEW exact=true>{t!(i18n, nav.overview)}</A></li>
                <li>
                    <span class="nav-list__group">{t!(i18n, nav.benefits)}</span>
                    <ul>
                        <li><A href=paths::SALES_MARKETING>{t!(i18n, nav.sales_marketing)}</A></li>
                        <li><A href=paths::TECHNICAL>{t!(i18n, nav.technical)}</A></li>
                    </ul>
                </li>
                <li><A href=paths::TECHNICAL_REQUEST>{t!(i18n, nav.technical_requests)}</A></li>
                <li>
                    <span class="nav-list__group">{t!(i18n, nav.settings)}</span>
                    <ul>
                        <li><A href=paths::TENANTS>{t!(i18n, nav.tenants)}</A></li>
                    </ul>
                </li>
            </ul>
        </nav>
    }
}
