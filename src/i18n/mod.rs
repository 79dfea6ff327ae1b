//! Translations (generated from `locales/*.json` by `build.rs`), locale
//! negotiation and locale-aware formatting.

mod generated {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}

pub mod domain;
pub mod format;
pub mod negotiate;
pub mod persist;

pub use generated::i18n::*;

/// The i18n context handed to helpers that translate outside a component body.
pub type I18n = leptos_i18n::I18nContext<Locale>;
use leptos_i18n::Locale as _;

/// Finds the generated `Locale` for a supported BCP 47 tag such as `zh-TW`.
pub fn locale_from_tag(tag: &str) -> Option<Locale> {
    Locale::get_all()
        .iter()
        .copied()
        .find(|locale| locale.as_str() == tag)
}

/// Applies a locale that someone else chose (the embedding host): the closest supported one, for
/// this page only; it is not remembered, because the host sends it on every load.
pub fn apply_chosen_tag(i18n: I18n, tag: &str) {
    if let Some(locale) = negotiate::match_tag(tag).and_then(locale_from_tag) {
        i18n.set_locale(locale);
    }
}
