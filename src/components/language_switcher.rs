//! A native `<select>` of the UI languages, each named in its own language.

use leptos::prelude::*;
use leptos_i18n::Locale as _;

use crate::i18n::{locale_from_tag, persist, t, td_string, use_i18n, Locale};

#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(locale) = locale_from_tag(&event_target_value(&ev)) {
            i18n.set_locale(locale);
            persist::remember(locale);
        }
    };
    view! {
        <div class="language-switcher">
            <label for="language-select">{t!(i18n, common.header.language)}</label>
            <select id="language-select" on:change=on_change>
                {Locale::get_all()
                    .iter()
                    .map(|&locale| {
                        view! {
                            <option
                                value=locale.as_str()
                                lang=locale.as_str()
                                selected=move || i18n.get_locale() == locale
                            >
                                {td_string!(locale, common.language_name)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
