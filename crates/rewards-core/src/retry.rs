//! The API client's retry policy, as pure functions: which failures are worth
//! another attempt, how long to wait (full-jitter exponential backoff, or the
//! server's `Retry-After`), and when to give up.
//!
//! Plain Rust so it is unit-tested natively; the browser supplies the clock,
//! the random number and the timers.

use crate::date::{Date, Timestamp};

/// Attempts per request, the first one included.
pub const MAX_ATTEMPTS: u32 = 3;
/// The backoff ceiling of the first retry; doubles per retry.
pub const BASE_DELAY_MS: u32 = 400;
/// No computed backoff waits longer than this.
pub const MAX_BACKOFF_MS: u32 = 4_000;
/// A `Retry-After` longer than this is not waited out automatically: the
/// user is told when to try again instead of watching a spinner.
pub const MAX_RETRY_AFTER_MS: u32 = 10_000;
/// A request without an answer after this long is abandoned (and retried).
pub const REQUEST_TIMEOUT_MS: u32 = 10_000;

/// Whether repeating the request is safe at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// GET: no effect on the server.
    Read,
    /// A mutation sent with an `Idempotency-Key`: the server replays it
    /// instead of applying it twice, as long as the key stays the same.
    IdempotentWrite,
    /// A mutation without such a key: never repeated automatically.
    Write,
}

/// What happened to one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// No response: connection refused or reset, DNS, CORS.
    Network,
    /// No response within [`REQUEST_TIMEOUT_MS`].
    Timeout,
    /// The server answered with this status.
    Status(u16),
}

impl Failure {
    /// Transient by nature: the same request may well succeed shortly.
    pub fn is_transient(self) -> bool {
        match self {
            Failure::Network | Failure::Timeout => true,
            Failure::Status(status) => matches!(status, 429 | 502 | 503 | 504),
        }
    }
}

/// What the client does after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Wait this many milliseconds, then send the same request again.
    RetryAfterMs(u32),
    /// Report the failure to the caller.
    GiveUp,
}

/// Whether a request of `kind` that failed with `failure` may be repeated.
pub fn is_retryable(kind: RequestKind, failure: Failure) -> bool {
    kind != RequestKind::Write && failure.is_transient()
}

/// Full jitter: a uniformly random wait between 0 and the exponential
/// ceiling of this retry (`retry` counts from 1), so clients that failed
/// together do not come back together. `random` is in `[0, 1)`.
pub fn backoff_delay_ms(retry: u32, random: f64) -> u32 {
    let ceiling = backoff_ceiling_ms(retry);
    let random = if random.is_finite() {
        random.clamp(0.0, 1.0)
    } else {
        0.0
    };
    ((f64::from(ceiling) * random) as u32).min(ceiling)
}

/// `BASE_DELAY_MS · 2^(retry-1)`, capped at [`MAX_BACKOFF_MS`].
pub fn backoff_ceiling_ms(retry: u32) -> u32 {
    let doublings = retry.saturating_sub(1).min(16);
    BASE_DELAY_MS
        .saturating_mul(1 << doublings)
        .min(MAX_BACKOFF_MS)
}

/// The decision after attempt number `attempt` (1-based) failed.
/// `retry_after_ms` is the server's `Retry-After`, already parsed.
pub fn decide(
    kind: RequestKind,
    attempt: u32,
    failure: Failure,
    retry_after_ms: Option<u32>,
    random: f64,
) -> Decision {
    if attempt >= MAX_ATTEMPTS || !is_retryable(kind, failure) {
        return Decision::GiveUp;
    }
    match retry_after_ms {
        Some(wait) if wait > MAX_RETRY_AFTER_MS => Decision::GiveUp,
        Some(wait) => Decision::RetryAfterMs(wait),
        None => Decision::RetryAfterMs(backoff_delay_ms(attempt, random)),
    }
}

/// Parses a `Retry-After` value: delay-seconds (`"120"`) or an IMF-fixdate
/// (`"Sun, 06 Nov 1994 08:49:37 GMT"`, RFC 9110 §10.2.3) relative to
/// `now_unix_ms`. A date in the past means "now" (0). `None` when unreadable.
pub fn parse_retry_after_ms(value: &str, now_unix_ms: f64) -> Option<u32> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        let seconds: u64 = value.parse().unwrap_or(u64::MAX);
        return Some(seconds.saturating_mul(1000).min(u64::from(u32::MAX)) as u32);
    }
    let at = parse_imf_fixdate(value)?;
    let wait_ms = (at.unix_seconds() as f64) * 1000.0 - now_unix_ms;
    Some(wait_ms.clamp(0.0, f64::from(u32::MAX)) as u32)
}

/// Whole seconds to tell the user, rounding up (never "0 seconds").
pub fn seconds_to_wait(wait_ms: u32) -> u32 {
    wait_ms.div_ceil(1000).max(1)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// `Sun, 06 Nov 1994 08:49:37 GMT` (the only date form senders may generate).
fn parse_imf_fixdate(value: &str) -> Option<Timestamp> {
    let (weekday, rest) = value.split_once(", ")?;
    if !WEEKDAYS.contains(&weekday) {
        return None;
    }
    let parts: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let day: u8 = two_digits(day)?;
    let month = MONTHS.iter().position(|m| m == month)? as u8 + 1;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let mut hms = time.split(':');
    let (hour, minute, second) = (
        two_digits(hms.next()?)?,
        two_digits(hms.next()?)?,
        two_digits(hms.next()?)?,
    );
    if hms.next().is_some() {
        return None;
    }
    Timestamp::from_date_time(Date::new(year, month, day)?, hour, minute, second)
}

fn two_digits(text: &str) -> Option<u8> {
    (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NOW_MS: f64 = 784_111_777_000.0; // Sun, 06 Nov 1994 08:49:37 GMT

    #[test]
    fn transient_failures_are_retried_for_reads_and_keyed_writes_only() {
        for failure in [
            Failure::Network,
            Failure::Timeout,
            Failure::Status(429),
            Failure::Status(502),
            Failure::Status(503),
            Failure::Status(504),
        ] {
            assert!(is_retryable(RequestKind::Read, failure), "{failure:?}");
            assert!(is_retryable(RequestKind::IdempotentWrite, failure));
            assert!(!is_retryable(RequestKind::Write, failure), "{failure:?}");
        }
        for status in [400, 401, 403, 404, 409, 412, 422, 428, 500, 501] {
            assert!(
                !is_retryable(RequestKind::Read, Failure::Status(status)),
                "{status}"
            );
        }
    }

    #[test]
    fn at_most_three_attempts() {
        let retry = |attempt| decide(RequestKind::Read, attempt, Failure::Network, None, 0.5);
        assert!(matches!(retry(1), Decision::RetryAfterMs(_)));
        assert!(matches!(retry(2), Decision::RetryAfterMs(_)));
        assert_eq!(retry(3), Decision::GiveUp);
        assert_eq!(retry(4), Decision::GiveUp);
    }

    #[test]
    fn backoff_ceiling_doubles_up_to_the_cap() {
        assert_eq!(backoff_ceiling_ms(1), 400);
        assert_eq!(backoff_ceiling_ms(2), 800);
        assert_eq!(backoff_ceiling_ms(3), 1_600);
        assert_eq!(backoff_ceiling_ms(5), MAX_BACKOFF_MS);
        assert_eq!(backoff_ceiling_ms(u32::MAX), MAX_BACKOFF_MS);
        assert_eq!(backoff_delay_ms(2, 0.0), 0);
        assert_eq!(backoff_delay_ms(2, 0.5), 400);
        assert_eq!(backoff_delay_ms(2, f64::NAN), 0);
    }

    #[test]
    fn retry_after_is_honoured_within_the_cap() {
        let decide_with = |wait| decide(RequestKind::Read, 1, Failure::Status(503), wait, 0.9);
        assert_eq!(decide_with(Some(2_000)), Decision::RetryAfterMs(2_000));
        assert_eq!(decide_with(Some(0)), Decision::RetryAfterMs(0));
        assert_eq!(
            decide_with(Some(MAX_RETRY_AFTER_MS)),
            Decision::RetryAfterMs(MAX_RETRY_AFTER_MS)
        );
        assert_eq!(decide_with(Some(MAX_RETRY_AFTER_MS + 1)), Decision::GiveUp);
        // A 500 is a fault, not a busy server: no retry even with Retry-After.
        assert_eq!(
            decide(RequestKind::Read, 1, Failure::Status(500), Some(1), 0.1),
            Decision::GiveUp
        );
    }

    #[test]
    fn retry_after_parses_seconds_and_http_dates() {
        assert_eq!(parse_retry_after_ms("120", NOW_MS), Some(120_000));
        assert_eq!(parse_retry_after_ms(" 3 ", NOW_MS), Some(3_000));
        assert_eq!(parse_retry_after_ms("0", NOW_MS), Some(0));
        assert_eq!(
            parse_retry_after_ms("99999999999999999999", NOW_MS),
            Some(u32::MAX)
        );
        assert_eq!(
            parse_retry_after_ms("Sun, 06 Nov 1994 08:49:42 GMT", NOW_MS),
            Some(5_000)
        );
        // In the past: retry now.
        assert_eq!(
            parse_retry_after_ms("Sun, 06 Nov 1994 08:00:00 GMT", NOW_MS),
            Some(0)
        );
        for bad in [
            "",
            "-1",
            "1.5",
            "soon",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 31 Feb 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Xyz, 06 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(parse_retry_after_ms(bad, NOW_MS), None, "{bad:?}");
        }
    }

    #[test]
    fn seconds_to_wait_rounds_up() {
        assert_eq!(seconds_to_wait(0), 1);
        assert_eq!(seconds_to_wait(1_000), 1);
        assert_eq!(seconds_to_wait(1_001), 2);
        assert_eq!(seconds_to_wait(120_000), 120);
    }

    proptest! {
        #[test]
        fn jitter_stays_within_the_ceiling(retry in 1u32..40, random in 0.0f64..1.0) {
            let delay = backoff_delay_ms(retry, random);
            prop_assert!(delay <= backoff_ceiling_ms(retry));
            prop_assert!(delay <= MAX_BACKOFF_MS);
        }

        #[test]
        fn no_decision_waits_longer_than_the_caps(
            attempt in 1u32..6,
            status in 100u16..600,
            retry_after in proptest::option::of(0u32..100_000),
            random in 0.0f64..1.0,
        ) {
            match decide(RequestKind::IdempotentWrite, attempt, Failure::Status(status), retry_after, random) {
                Decision::RetryAfterMs(ms) => {
                    prop_assert!(attempt < MAX_ATTEMPTS);
                    prop_assert!(Failure::Status(status).is_transient());
                    prop_assert!(ms <= MAX_RETRY_AFTER_MS.max(MAX_BACKOFF_MS));
                }
                Decision::GiveUp => {}
            }
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,40}") {
            let _ = parse_retry_after_ms(&text, NOW_MS);
        }
    }
}
