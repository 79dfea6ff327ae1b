//! The header: brand, the signed-in account, the language and (narrow screens) the Menu button.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::nav::{Menu, MenuButton};
use crate::components::language_switcher::LanguageSwitcher;
use crate::components::link::A;
use crate::i18n::{t, use_i18n};
use crate::paths;
use crate::session::{use_session, SessionPhase};

#[component]
pub fn Header(menu: Menu) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <header class="shell__header">
            <A href=paths::OVERVIEW attr:class="brand">
                <span class="brand__mark" aria-hidden="true"></span>
                <span class="brand__name">{t!(i18n, common.app.name)}</span>
            </A>
            <div class="shell__header-tools">
                <Account />
                <LanguageSwitcher />
                <Show when=move || session.me().is_some()>
                    <MenuButton menu />
                </Show>
            </div>
        </header>
    }
}

/// The signed-in user and company, with sign out. Shown in the header on wide screens and in
/// the menu panel on narrow ones (the stylesheet picks one).
#[component]
pub fn Account() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let phase = session.phase();
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
        // Until the session check answers, neither: a signed-in visitor must not read "not
        // signed in" first (the prerendered shell shows this state too).
        None if phase.get() == SessionPhase::Checking => ().into_any(),
        None => view! {
            <p class="account account__who">{t!(i18n, common.header.not_signed_in)}</p>
        }
        .into_any(),
    }
    }
}
