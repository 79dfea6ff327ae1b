//! Months in the user's locale (Intl, UTC so the first of the month stays in its month).

use leptos_i18n::Locale as _;
use rewards_core::date::Date;

use crate::i18n::format::{format_date, options};
use crate::i18n::Locale;

fn millis(month: Date) -> f64 {
    month.days_since_epoch() as f64 * 86_400_000.0
}

/// "Jan 25", "janv. 25", "25年1月": the month axis.
pub fn short(locale: Locale, month: Date) -> String {
    format_date(locale.as_str(), "month-short", millis(month), || {
        options(&[
            ("month", "short".into()),
            ("year", "2-digit".into()),
            ("timeZone", "UTC".into()),
        ])
    })
}

/// "January 2025", "januari 2025", "2025年1月": tables, summaries and point labels.
pub fn long(locale: Locale, month: Date) -> String {
    format_date(locale.as_str(), "month-long", millis(month), || {
        options(&[
            ("month", "long".into()),
            ("year", "numeric".into()),
            ("timeZone", "UTC".into()),
        ])
    })
}
