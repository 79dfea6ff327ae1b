//! Wall-clock helpers (the core never reads a clock).

use rewards_core::date::{Date, Timestamp};
use std::time::{SystemTime, UNIX_EPOCH};

pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub fn now() -> Timestamp {
    ts(now_unix())
}

pub fn today() -> Date {
    now().date()
}

/// Unix seconds as a [`Timestamp`] (clamped to the representable range).
pub fn ts(secs: i64) -> Timestamp {
    Timestamp::from_unix_seconds(secs)
        .or_else(|| Timestamp::from_unix_seconds(0))
        .expect("epoch is representable")
}
