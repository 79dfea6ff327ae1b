//! Numbers, money and dates for the active locale, through the browser's `Intl`
//! (no ICU data in the WebAssembly bundle).

use std::cell::RefCell;

use js_sys::{Array, Function, Intl, Object, Reflect};
use rewards_core::date::{Date, Timestamp};
use wasm_bindgen::{JsCast, JsValue};

use super::Locale;
use leptos_i18n::Locale as _;

thread_local! {
    /// Building an `Intl` formatter takes about a millisecond on a phone and a page formats
    /// dozens of values, so each one (language tag, style) is built once.
    static FORMATTERS: RefCell<Vec<(String, &'static str, Function)>> =
        const { RefCell::new(Vec::new()) };
}

/// The `format` function of the formatter for `tag` and `style` (a name for its options),
/// made by `build` the first time it is asked for.
pub fn cached_format(
    tag: &str,
    style: &'static str,
    build: impl FnOnce(&Array) -> Function,
) -> Function {
    let kept = FORMATTERS.with_borrow(|kept| {
        kept.iter()
            .find(|(t, s, _)| t == tag && *s == style)
            .map(|(_, _, format)| format.clone())
    });
    kept.unwrap_or_else(|| {
        let format = build(&locales(tag));
        FORMATTERS.with_borrow_mut(|kept| kept.push((tag.to_owned(), style, format.clone())));
        format
    })
}

/// Calls a `format` function from [`cached_format`].
pub fn apply(format: &Function, value: &JsValue) -> Option<String> {
    format.call1(&JsValue::UNDEFINED, value).ok()?.as_string()
}

/// The `locales` argument of an `Intl` constructor: just the UI language.
pub(crate) fn locales(tag: &str) -> Array {
    Array::of1(&JsValue::from_str(tag))
}

pub(crate) fn options(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

fn format_number(
    locale: Locale,
    style: &'static str,
    value: f64,
    opts: impl FnOnce() -> Object,
) -> String {
    let format = cached_format(locale.as_str(), style, |locales| {
        Intl::NumberFormat::new(locales, &opts()).format()
    });
    apply(&format, &JsValue::from_f64(value)).unwrap_or_else(|| value.to_string())
}

/// US dollars from cents, without decimals when whole (e.g. "$61,500").
pub fn money(locale: Locale, cents: i64) -> String {
    let whole = cents % 100 == 0;
    let (style, digits) = if whole {
        ("money", 0)
    } else {
        ("money-cents", 2)
    };
    format_number(locale, style, cents as f64 / 100.0, || {
        options(&[
            ("style", "currency".into()),
            ("currency", "USD".into()),
            ("currencyDisplay", "narrowSymbol".into()),
            ("maximumFractionDigits", digits.into()),
            ("minimumFractionDigits", digits.into()),
        ])
    })
}

/// Whole US dollars in the locale's compact notation ("$50K", "50 k $", "$5萬").
pub fn money_compact(locale: Locale, cents: i64) -> String {
    format_number(locale, "money-compact", (cents / 100) as f64, || {
        options(&[
            ("style", "currency".into()),
            ("currency", "USD".into()),
            ("currencyDisplay", "narrowSymbol".into()),
            ("notation", "compact".into()),
            // Both bounds: with only a maximum, WebKit pads to it ("$50.0K").
            ("minimumFractionDigits", 0.into()),
            ("maximumFractionDigits", 1.into()),
        ])
    })
}

pub fn number(locale: Locale, value: i64) -> String {
    format_number(locale, "number", value as f64, Object::new)
}

/// A fraction 0..=1 as a percentage (e.g. "61 %" in French).
pub fn percent(locale: Locale, fraction: f64) -> String {
    format_number(locale, "percent", fraction, || {
        options(&[
            ("style", "percent".into()),
            ("maximumFractionDigits", 0.into()),
        ])
    })
}

/// A moment (milliseconds since the epoch) through a cached `Intl.DateTimeFormat`.
pub fn format_date(
    tag: &str,
    style: &'static str,
    millis: f64,
    opts: impl FnOnce() -> Object,
) -> String {
    let format = cached_format(tag, style, |locales| {
        Intl::DateTimeFormat::new(locales, &opts()).format()
    });
    apply(&format, &js_sys::Date::new(&JsValue::from_f64(millis))).unwrap_or_default()
}

/// A calendar date (e.g. "21 Nov 2026").
pub fn date(locale: Locale, value: Date) -> String {
    let millis = value.days_since_epoch() as f64 * 86_400_000.0;
    format_date(locale.as_str(), "date-utc", millis, || {
        options(&[("dateStyle", "medium".into()), ("timeZone", "UTC".into())])
    })
}

/// A moment in the user's own time zone (e.g. "21 Nov 2026, 14:05").
pub fn date_time(locale: Locale, value: Timestamp) -> String {
    let millis = value.unix_seconds() as f64 * 1000.0;
    format_date(locale.as_str(), "date-time", millis, || {
        options(&[
            ("dateStyle", "medium".into()),
            ("timeStyle", "short".into()),
        ])
    })
}

/// A whole number of seconds in words ("30 seconds", "1 seconde", "30 秒").
pub fn seconds(locale: Locale, value: u32) -> String {
    format_number(locale, "seconds", f64::from(value), || {
        options(&[
            ("style", "unit".into()),
            ("unit", "second".into()),
            ("unitDisplay", "long".into()),
        ])
    })
}

/// Names joined as a list for the locale ("A, B and C"), via `Intl.ListFormat`.
pub fn name_list(locale: Locale, names: &[String]) -> String {
    let joined = || names.join(", ");
    let Ok(intl) = Reflect::get(&js_sys::global(), &"Intl".into()) else {
        return joined();
    };
    let Ok(ctor) = Reflect::get(&intl, &"ListFormat".into()) else {
        return joined();
    };
    let Ok(ctor) = ctor.dyn_into::<Function>() else {
        return joined();
    };
    let opts = Object::new();
    let _ = Reflect::set(&opts, &"type".into(), &"disjunction".into());
    let args = Array::of2(&Array::of1(&JsValue::from_str(locale.as_str())), &opts);
    let Ok(formatter) = Reflect::construct(&ctor, &args) else {
        return joined();
    };
    let items: Array = names.iter().map(|n| JsValue::from_str(n)).collect();
    Reflect::get(&formatter, &"format".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call1(&formatter, &items).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(joined)
}
