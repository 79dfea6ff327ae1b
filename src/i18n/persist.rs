//! Reads the browser's locale preferences and remembers an explicit choice.

use super::negotiate::{self, Preferences};
use leptos_i18n::Locale as _;

use super::{locale_from_tag, Locale};

const STORAGE_KEY: &str = "rewards.locale";

/// Collects the preferences the browser offers right now.
pub fn browser_preferences() -> Preferences {
    let Some(window) = web_sys::window() else {
        return Preferences::default();
    };
    let remembered = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten());
    let query = window
        .location()
        .search()
        .ok()
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("lang"));
    let browser = window
        .navigator()
        .languages()
        .iter()
        .filter_map(|value| value.as_string())
        .collect();
    Preferences {
        remembered,
        query,
        browser,
        configured: crate::embed::config::current().default_locale,
    }
}

/// The locale to start with on this page load.
pub fn initial_locale() -> Locale {
    locale_from_tag(negotiate::negotiate(&browser_preferences())).unwrap_or_default()
}

/// Remembers an explicit choice so it wins over every other preference.
pub fn remember(locale: Locale) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        // Storage can be full or blocked (private mode, sandboxed frame): the
        // choice then lasts for this page only, which is acceptable.
        let _ = storage.set_item(STORAGE_KEY, locale.as_str());
    }
}
