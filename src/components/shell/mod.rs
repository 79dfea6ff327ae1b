//! The application frame: skip link, header, navigation and main landmark.
//!
//! On narrow screens the navigation and the account details sit behind a Menu disclosure in the
//! header, so the header keeps one size whether or not someone is signed in and the page's own
//! content starts in the first screen (nothing above `main` grows when the session arrives).

mod header;
mod nav;

use leptos::prelude::*;

use crate::components::connectivity::ConnectivityBanner;
use crate::i18n::{t, use_i18n};
use crate::session::use_session;

pub const MAIN_ID: &str = "main";

#[component]
pub fn AppShell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let menu = nav::new_menu();
    view! {
        <a class="skip-link" href=format!("#{MAIN_ID}") on:click=focus_main>
            {t!(i18n, common.skip_link)}
        </a>
        <div class="shell">
            <header::Header menu />
            <Show when=move || session.me().is_some()>
                <nav::SideNav menu />
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
