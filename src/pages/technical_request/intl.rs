//! Localized country, language and time zone names straight from the
//! browser's `Intl` (no name tables in the WebAssembly bundle).

use std::cmp::Ordering;

use js_sys::{Array, Intl, Object, Reflect};
use rewards_core::model::Language;
use rewards_core::validate::{country_codes, validate_time_zone};
use wasm_bindgen::JsValue;

use crate::i18n::format::{format_date, locales, options};

fn display_names(tag: &str, kind: &str) -> Intl::DisplayNames {
    let options = options(&[("type", kind.into()), ("fallback", "code".into())]);
    Intl::DisplayNames::new(&locales(tag), &options)
}

/// Sorts `(value, label)` pairs by label in the order of the UI language.
/// One collator for the whole sort: `localeCompare` with a locale builds one per comparison.
fn sort_by_label(tag: &str, pairs: &mut [(String, String)]) {
    let compare = Intl::Collator::new(&locales(tag), &Object::new()).compare();
    let order = |a: &str, b: &str| {
        compare
            .call2(&JsValue::UNDEFINED, &a.into(), &b.into())
            .ok()
            .and_then(|sign| sign.as_f64())
            .map_or(Ordering::Equal, |sign| sign.total_cmp(&0.0))
    };
    pairs.sort_by(|a, b| order(&a.1, &b.1));
}

/// Every ISO 3166-1 alpha-2 country or region, named in the UI language.
pub fn countries(tag: &str) -> Vec<(String, String)> {
    let names = display_names(tag, "region");
    let mut pairs: Vec<(String, String)> = country_codes()
        .map(|code| {
            let name = names
                .of(code)
                .map(String::from)
                .unwrap_or_else(|| code.to_owned());
            (code.to_owned(), name)
        })
        .collect();
    sort_by_label(tag, &mut pairs);
    pairs
}

/// The contact languages of the domain core, named in the UI language.
pub fn languages(tag: &str) -> Vec<(String, String)> {
    let names = display_names(tag, "language");
    let mut pairs: Vec<(String, String)> = Language::ALL
        .iter()
        .map(|language| {
            let code = language.code();
            let name = names
                .of(code)
                .map(String::from)
                .unwrap_or_else(|| code.to_owned());
            (code.to_owned(), name)
        })
        .collect();
    sort_by_label(tag, &mut pairs);
    pairs
}

/// The browser's own time zone, when it is a zone the core accepts.
pub fn browser_time_zone() -> Option<String> {
    let format = Intl::DateTimeFormat::new(&Array::new(), &Object::new());
    Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
        .filter(|zone| validate_time_zone(zone).is_ok())
}

/// The IANA time zones the browser knows that the core accepts, sorted,
/// including the browser's own zone.
pub fn time_zones() -> Vec<String> {
    let mut zones: Vec<String> = Intl::supported_values_of(Intl::SupportedValuesKey::TimeZone)
        .iter()
        .filter_map(|zone| zone.as_string())
        .filter(|zone| validate_time_zone(zone).is_ok())
        .collect();
    if let Some(own) = browser_time_zone() {
        if !zones.contains(&own) {
            zones.push(own);
        }
    }
    zones.sort();
    zones
}

/// "America/Argentina/Buenos_Aires" → "America/Argentina/Buenos Aires".
pub fn time_zone_label(zone: &str) -> String {
    zone.replace('_', " ")
}

/// A date in the user's own time zone (e.g. "24 Nov 2026").
pub fn local_date(tag: &str, unix_seconds: i64) -> String {
    format_date(tag, "local-date", unix_seconds as f64 * 1000.0, || {
        options(&[("dateStyle", "medium".into())])
    })
}

/// A date and time in the user's own time zone, with the weekday
/// (e.g. "Tuesday 24 November 2026 at 10:15").
pub fn local_date_time_long(tag: &str, unix_seconds: i64) -> String {
    format_date(
        tag,
        "local-date-time-long",
        unix_seconds as f64 * 1000.0,
        || options(&[("dateStyle", "full".into()), ("timeStyle", "short".into())]),
    )
}

/// A date and time in the user's own time zone (e.g. "24 Nov 2026, 10:15").
pub fn local_date_time(tag: &str, unix_seconds: i64) -> String {
    format_date(tag, "local-date-time", unix_seconds as f64 * 1000.0, || {
        options(&[
            ("dateStyle", "medium".into()),
            ("timeStyle", "short".into()),
        ])
    })
}

/// A time of day in the user's own time zone (e.g. "10:15").
pub fn local_time(tag: &str, unix_seconds: i64) -> String {
    format_date(tag, "local-time", unix_seconds as f64 * 1000.0, || {
        options(&[("timeStyle", "short".into())])
    })
}
