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

/// The server's clock for the programme rules (expiry, unlocking, expires
/// soon, the four-week rule, activation) and the attempt limits
/// ([`crate::throttle`]): the wall clock, unless a test has set or moved it,
/// or a debug build was started with `--clock-offset-days`.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// The time a test stopped the clock at, if any.
    set: std::sync::Arc<std::sync::Mutex<Option<i64>>>,
    /// Seconds added to the wall clock (debug builds' `--clock-offset-days`).
    offset: i64,
}

impl Clock {
    /// The wall clock moved by `secs` (negative: back).
    pub fn offset_by(secs: i64) -> Clock {
        Clock {
            offset: secs,
            ..Clock::default()
        }
    }

    pub fn now_unix(&self) -> i64 {
        self.set
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .unwrap_or_else(|| now_unix().saturating_add(self.offset))
    }

    pub fn now(&self) -> Timestamp {
        ts(self.now_unix())
    }

    pub fn today(&self) -> Date {
        self.now().date()
    }

    /// Stops the clock at `secs` (tests).
    pub fn freeze_at(&self, secs: i64) {
        *self.set.lock().unwrap_or_else(|p| p.into_inner()) = Some(secs);
    }

    /// Moves the clock forward by `secs` and stops it there (tests).
    pub fn advance(&self, secs: i64) {
        let now = self.now_unix();
        self.freeze_at(now + secs);
    }
}
