//! A tiny civil calendar: [`Date`] (proleptic Gregorian, years 1..=9999) and
//! [`Timestamp`] (UTC seconds since the Unix epoch).
//!
//! Why hand-rolled: the core must build for wasm32 without `chrono`/`time`,
//! and the portal only needs ISO dates, day arithmetic and month offsets.
//! Neither type reads a clock: callers pass "today"/"now" in, which keeps
//! every rule deterministic and testable.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Earliest and latest representable years (ISO "YYYY" needs four digits).
pub const MIN_YEAR: i32 = 1;
pub const MAX_YEAR: i32 = 9999;

const SECONDS_PER_DAY: i64 = 86_400;

/// Why a date or timestamp string (or component triple) was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not of the shape `YYYY-MM-DD` / `YYYY-MM-DDTHH:MM:SSZ`.
    Format,
    /// Right shape, but no such calendar day or time of day.
    OutOfRange,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format => f.write_str("expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"),
            DateError::OutOfRange => f.write_str("date or time out of range"),
        }
    }
}

impl std::error::Error for DateError {}

/// A calendar day without time zone. Fields are private so every value is a
/// real day; ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1..=12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The first representable day, 0001-01-01.
    pub const MIN: Date = Date {
        year: MIN_YEAR,
        month: 1,
        day: 1,
    };
    /// The last representable day, 9999-12-31.
    pub const MAX: Date = Date {
        year: MAX_YEAR,
        month: 12,
        day: 31,
    };

    /// Builds a date if the triple names a real calendar day in 1..=9999.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        Self::is_valid(year, month, day).then_some(Date { year, month, day })
    }

    /// Validity check without constructing.
    pub fn is_valid(year: i32, month: u8, day: u8) -> bool {
        (MIN_YEAR..=MAX_YEAR).contains(&year) && day >= 1 && day <= days_in_month(year, month)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before). Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Date::days_since_epoch`]; `None` outside years 1..=9999.
    pub fn from_days(days: i64) -> Option<Date> {
        if days < Date::MIN.days_since_epoch() || days > Date::MAX.days_since_epoch() {
            return None;
        }
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        // Range was checked above, so these narrowing casts cannot truncate.
        Date::new(year as i32, month as u8, day as u8)
    }

    /// Adds (or subtracts) days, saturating at [`Date::MIN`]/[`Date::MAX`]
    /// so arithmetic never panics on user-supplied offsets.
    pub fn add_days(self, days: i64) -> Date {
        let target = self.days_since_epoch().saturating_add(days);
        Date::from_days(target).unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
    }

    /// Adds calendar months, clamping the day to the target month's length
    /// (2024-01-31 + 1 month = 2024-02-29); saturates at the year range.
    pub fn add_months(self, months: i32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = index.div_euclid(12);
        if year < i64::from(MIN_YEAR) {
            return Date::MIN;
        }
        if year > i64::from(MAX_YEAR) {
            return Date::MAX;
        }
        let year = year as i32;
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    pub fn days_until(self, other: Date) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }

    /// Midnight UTC at the start of this day.
    pub fn start_of_day(self) -> Timestamp {
        Timestamp(self.days_since_epoch() * SECONDS_PER_DAY)
    }

    /// Parses strict ISO `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(DateError::Format);
        }
        let year = digits(&b[0..4])?;
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        Date::new(year as i32, month as u8, day as u8).ok_or(DateError::OutOfRange)
    }
}

/// Parses a run of ASCII digits (no sign, no spaces).
fn digits(bytes: &[u8]) -> Result<u32, DateError> {
    bytes.iter().try_fold(0u32, |acc, &c| {
        if c.is_ascii_digit() {
            Ok(acc * 10 + u32::from(c - b'0'))
        } else {
            Err(DateError::Format)
        }
    })
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A UTC instant with one-second resolution, limited to years 1..=9999 so it
/// always formats as `YYYY-MM-DDTHH:MM:SSZ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "openapi",
    derive(utoipa::ToSchema),
    schema(value_type = String, format = DateTime, examples("2026-05-01T09:30:00Z"))
)]
pub struct Timestamp(i64);

impl Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z; `None` outside years 1..=9999.
    pub fn from_unix_seconds(secs: i64) -> Option<Timestamp> {
        let min = Date::MIN.start_of_day().0;
        let max = Date::MAX.start_of_day().0 + SECONDS_PER_DAY - 1;
        (min..=max).contains(&secs).then_some(Timestamp(secs))
    }

    /// Builds a timestamp from a date and a UTC time of day.
    pub fn from_date_time(date: Date, hour: u8, minute: u8, second: u8) -> Option<Timestamp> {
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        let tod = i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
        Some(Timestamp(date.start_of_day().0 + tod))
    }

    pub fn unix_seconds(self) -> i64 {
        self.0
    }

    /// The UTC calendar day of this instant.
    pub fn date(self) -> Date {
        // In range by construction, so from_days always succeeds.
        Date::from_days(self.0.div_euclid(SECONDS_PER_DAY)).unwrap_or(Date::MIN)
    }

    /// Seconds since midnight UTC.
    fn second_of_day(self) -> i64 {
        self.0.rem_euclid(SECONDS_PER_DAY)
    }

    /// Adds seconds, saturating at the representable range.
    pub fn add_seconds(self, secs: i64) -> Timestamp {
        let target = self.0.saturating_add(secs);
        Timestamp::from_unix_seconds(target).unwrap_or(if secs < 0 {
            Date::MIN.start_of_day()
        } else {
            Timestamp(Date::MAX.start_of_day().0 + SECONDS_PER_DAY - 1)
        })
    }

    /// Adds whole days (saturating).
    pub fn add_days(self, days: i64) -> Timestamp {
        self.add_seconds(days.saturating_mul(SECONDS_PER_DAY))
    }

    /// Signed seconds from `self` to `later`.
    pub fn seconds_until(self, later: Timestamp) -> i64 {
        later.0 - self.0
    }

    /// Parses strict `YYYY-MM-DDTHH:MM:SSZ` (UTC only, no fractions).
    pub fn parse(s: &str) -> Result<Timestamp, DateError> {
        let b = s.as_bytes();
        if b.len() != 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
            return Err(DateError::Format);
        }
        // Slicing at byte 10 is safe: length 20 with ASCII at 10 checked above.
        let date = Date::parse(&s[..10])?;
        let hour = digits(&b[11..13])?;
        let minute = digits(&b[14..16])?;
        let second = digits(&b[17..19])?;
        Timestamp::from_date_time(date, hour as u8, minute as u8, second as u8)
            .ok_or(DateError::OutOfRange)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sod = self.second_of_day();
        write!(
            f,
            "{}T{:02}:{:02}:{:02}Z",
            self.date(),
            sod / 3600,
            (sod / 60) % 60,
            sod % 60
        )
    }
}

impl FromStr for Timestamp {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Timestamp::parse(s)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Timestamp::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parse_examples() {
        let good = [
            "2024-02-29",
            "0001-01-01",
            "9999-12-31",
            "1970-01-01",
            "2023-12-31",
        ];
        for s in good {
            assert_eq!(Date::parse(s).unwrap().to_string(), s, "{s}");
        }
        let bad = [
            ("2023-02-29", DateError::OutOfRange),
            ("0000-01-01", DateError::OutOfRange),
            ("2024-13-01", DateError::OutOfRange),
            ("2024-00-10", DateError::OutOfRange),
            ("2024-04-31", DateError::OutOfRange),
            ("2024-4-01", DateError::Format),
            ("2024/04/01", DateError::Format),
            ("+024-04-01", DateError::Format),
            (" 2024-04-01", DateError::Format),
            ("2024-04-01 ", DateError::Format),
            ("", DateError::Format),
            ("２０２４-04-01", DateError::Format),
        ];
        for (s, err) in bad {
            assert_eq!(Date::parse(s), Err(err), "{s}");
        }
    }

    #[test]
    fn epoch_anchors() {
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2000-03-01").days_since_epoch(), 11_017);
        assert_eq!(d("1969-12-31").days_since_epoch(), -1);
        assert_eq!(Date::from_days(19_723), Some(d("2024-01-01")));
        assert_eq!(Date::from_days(Date::MAX.days_since_epoch() + 1), None);
    }

    #[test]
    fn add_months_clamps() {
        let cases = [
            ("2024-01-31", 1, "2024-02-29"),
            ("2023-01-31", 1, "2023-02-28"),
            ("2024-03-31", -1, "2024-02-29"),
            ("2024-06-15", -12, "2023-06-15"),
            ("2024-11-30", 3, "2025-02-28"),
            ("2024-01-15", 0, "2024-01-15"),
            ("9999-12-01", 1, "9999-12-31"),
            ("0001-01-15", -1, "0001-01-01"),
        ];
        for (from, n, to) in cases {
            assert_eq!(d(from).add_months(n), d(to), "{from} + {n}");
        }
    }

    #[test]
    fn add_days_examples() {
        assert_eq!(d("2024-02-28").add_days(1), d("2024-02-29"));
        assert_eq!(d("2024-12-31").add_days(1), d("2025-01-01"));
        assert_eq!(d("2024-03-01").add_days(-1), d("2024-02-29"));
        assert_eq!(Date::MAX.add_days(5), Date::MAX);
        assert_eq!(Date::MIN.add_days(i64::MIN), Date::MIN);
    }

    #[test]
    fn timestamp_examples() {
        let t = Timestamp::parse("2024-05-06T07:08:09Z").unwrap();
        assert_eq!(t.to_string(), "2024-05-06T07:08:09Z");
        assert_eq!(t.date(), d("2024-05-06"));
        assert_eq!(
            Timestamp::from_unix_seconds(0).unwrap().to_string(),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            Timestamp::from_unix_seconds(-1).unwrap().to_string(),
            "1969-12-31T23:59:59Z"
        );
        for bad in [
            "2024-05-06T24:00:00Z",
            "2024-05-06T07:60:00Z",
            "2024-05-06T07:08:60Z",
            "2024-05-06 07:08:09Z",
            "2024-05-06T07:08:09",
            "2024-05-06T07:08:09+00:00",
            "2024-02-30T00:00:00Z",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn serde_as_iso_strings() {
        let date = d("2024-02-29");
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2024-02-29\"");
        assert_eq!(
            serde_json::from_str::<Date>("\"2024-02-29\"").unwrap(),
            date
        );
        assert!(serde_json::from_str::<Date>("\"2023-02-29\"").is_err());
        assert!(serde_json::from_str::<Date>("20240229").is_err());
        let ts = Timestamp::parse("2024-05-06T07:08:09Z").unwrap();
        let json = serde_json::to_string(&ts).unwrap();
        assert_eq!(json, "\"2024-05-06T07:08:09Z\"");
        assert_eq!(serde_json::from_str::<Timestamp>(&json).unwrap(), ts);
        assert!(serde_json::from_str::<Timestamp>("1714979289").is_err());
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (Date::MIN.days_since_epoch()..=Date::MAX.days_since_epoch())
            .prop_map(|n| Date::from_days(n).unwrap())
    }

    proptest! {
        #[test]
        fn days_round_trip(n in Date::MIN.days_since_epoch()..=Date::MAX.days_since_epoch()) {
            let date = Date::from_days(n).unwrap();
            prop_assert_eq!(date.days_since_epoch(), n);
            prop_assert_eq!(Date::parse(&date.to_string()), Ok(date));
        }

        #[test]
        fn ordering_matches_day_numbers(a in any_date(), b in any_date()) {
            prop_assert_eq!(a.cmp(&b), a.days_since_epoch().cmp(&b.days_since_epoch()));
        }

        #[test]
        fn add_days_is_consistent(a in any_date(), n in -100_000i64..100_000) {
            let b = a.add_days(n);
            if b != Date::MIN && b != Date::MAX {
                prop_assert_eq!(a.days_until(b), n);
            }
        }

        #[test]
        fn add_months_stays_valid(a in any_date(), n in -200_000i32..200_000) {
            let b = a.add_months(n);
            prop_assert!(Date::is_valid(b.year(), b.month(), b.day()));
            prop_assert!(b.day() <= a.day() || b == Date::MAX);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,12}") {
            let _ = Date::parse(&s);
            let _ = Timestamp::parse(&s);
        }

        #[test]
        fn timestamp_round_trip(secs in Date::MIN.start_of_day().unix_seconds()..=Date::MAX.start_of_day().unix_seconds()) {
            let ts = Timestamp::from_unix_seconds(secs).unwrap();
            prop_assert_eq!(Timestamp::parse(&ts.to_string()), Ok(ts));
            prop_assert_eq!(ts.date().start_of_day().unix_seconds(), secs - secs.rem_euclid(86_400));
        }
    }
}
