//! The application frame: skip link, header, navigation and main landmark.

use crate::components::link::A;
use leptos::prelude::*;

use crate::components::connectivity::ConnectivityBanner;
use crate::components::language_switcher::LanguageSwitcher;
use crate::i18n::{t, t_string, use_i18n};
use crate::paths;
use crate::session::use_session;
use leptos::task::spawn_local;

pub const MAIN_ID: &str = "main";

#[component]
pub fn AppShell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <a class="skip-link" href=format!("#{MAIN_ID}") on:click=focus_main>
            {t!(i18n, common.skip_link)}
        </a>
        <div class="shell">
            <Header />
            <Show when=move || session.me().is_some()>
                <SideNav />
            </Show>
            <main id=MAIN_ID class="shell__main" tabindex="-1">
                <ConnectivityBanner />
                {children()}
            </main>
        </div>
    }
}

/// The router would treat `#main` as a navigation; move focus ourselves instead.
fn focus_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    super::focus::focus_by_id(MAIN_ID);
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="shell__header">
            <A href=paths::OVERVIEW attr:class="brand">
                <span class="brand__mark" aria-hidden="true"></span>
                <span class="brand__name">{t!(i18n, common.app.name)}</span>
            </A>
            <div class="shell__header-tools">
                <Account />
                <LanguageSwitcher />
            </div>
        </header>
    }
}

/// The signed-in user and company, with sign out.
#[component]
fn Account() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let busy = RwSignal::new(false);
    let sign_out = move |_| {
        busy.set(true);
        spawn_local(async move {
            // On failure the user stays signed in and can try again.
            let _ = session.sign_out().await;
            busy.set(false);
        });
    };
    move || {
        match session.me() {
        Some(me) => view! {
            <div class="account">
                <p class="account__who">
                    <span class="visually-hidden">{t!(i18n, common.session.signed_in_as)} " "</span>
                    <span class="account__name">{me.user.display_name.clone()}</span>
                    <span class="visually-hidden">", " {t!(i18n, common.session.company)} " "</span>
                    <span class="account__company">{me.company.name.clone()}</span>
                </p>
                // Embedded, the host owns the session and signs out itself.
                <Show when=|| !crate::embed::is_embedded()>
                    <button type="button" class="button button--quiet" on:click=sign_out disabled=move || busy.get()>
                        {t!(i18n, common.session.sign_out)}
                    </button>
                </Show>
            </div>
        }
        .into_any(),
        None => view! {
            <p class="account account__who">{t!(i18n, common.header.not_signed_in)}</p>
        }
        .into_any(),
    }
    }
}

#[component]
fn SideNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // The programme's pages only exist for a tenant associated with the account.
    let programme_visible = move || session.with_me(|me| me.programme_visible).unwrap_or(false);
    view! {
        <nav class="shell__nav" aria-label=move || t_string!(i18n, common.nav.label)>
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
