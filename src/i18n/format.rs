//! Numbers, money and dates for the active locale, through the browser's `Intl`
//! (no ICU data in the WebAssembly bundle).

use js_sys::{Array, Intl, Object, Reflect};
use rewards_core::date::{Date, Timestamp};
use wasm_bindgen::JsValue;

use super::Locale;
use leptos_i18n::Locale as _;

fn options(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

fn locales(locale: Locale) -> Array {
    Array::of1(&JsValue::from_str(locale.as_str()))
}

fn format_number_with(locale: Locale, value: f64, opts: &Object) -> String {
    Intl::NumberFormat::new(&locales(locale), opts)
        .format()
        .call1(&JsValue::UNDEFINED, &JsValue::from_f64(value))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| value.to_string())
}

/// US dollars from cents, without decimals when whole (e.g. "$61,500").
pub fn money(locale: Locale, cents: i64) -> String {
    let whole = cents % 100 == 0;
    let opts = options(&[
        ("style", "currency".into()),
        ("currency", "USD".into()),
        ("currencyDisplay", "narrowSymbol".into()),
        ("maximumFractionDigits", (if whole { 0 } else { 2 }).into()),
        ("minimumFractionDigits", (if whole { 0 } else { 2 }).into()),
    ]);
    format_number_with(locale, cents as f64 / 100.0, &opts)
}

/// Whole US dollars in the locale's compact notation ("$50K", "50 k $", "$5萬").
pub fn money_compact(locale: Locale, cents: i64) -> String {
    let opts = options(&[
        ("style", "currency".into()),
        ("currency", "USD".into()),
        ("currencyDisplay", "narrowSymbol".into()),
        ("notation", "compact".into()),
        ("maximumFractionDigits", 1.into()),
    ]);
    format_number_with(locale, (cents / 100) as f64, &opts)
}

pub fn number(locale: Locale, value: i64) -> String {
    format_number_with(locale, value as f64, &Object::new())
}

/// A fraction 0..=1 as a percentage (e.g. "61 %" in French).
pub fn percent(locale: Locale, fraction: f64) -> String {
    let opts = options(&[
        ("style", "percent".into()),
        ("maximumFractionDigits", 0.into()),
    ]);
    format_number_with(locale, fraction, &opts)
}

fn format_date_with(locale: Locale, millis: f64, opts: &Object) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    Intl::DateTimeFormat::new(&locales(locale), opts)
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// A calendar date (e.g. "21 Nov 2026").
pub fn date(locale: Locale, value: Date) -> String {
    let millis = value.days_since_epoch() as f64 * 86_400_000.0;
    let opts = options(&[("dateStyle", "medium".into()), ("timeZone", "UTC".into())]);
    format_date_with(locale, millis, &opts)
}

/// A moment in the user's own time zone (e.g. "21 Nov 2026, 14:05").
pub fn date_time(locale: Locale, value: Timestamp) -> String {
    let millis = value.unix_seconds() as f64 * 1000.0;
    let opts = options(&[
        ("dateStyle", "medium".into()),
        ("timeStyle", "short".into()),
    ]);
    format_date_with(locale, millis, &opts)
}

/// A whole number of seconds in words ("30 seconds", "1 seconde", "30 秒").
pub fn seconds(locale: Locale, value: u32) -> String {
    let opts = options(&[
        ("style", "unit".into()),
        ("unit", "second".into()),
        ("unitDisplay", "long".into()),
    ]);
    format_number_with(locale, f64::from(value), &opts)
}
