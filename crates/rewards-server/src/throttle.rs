//! Limits on password guessing (sign-in, tenant credentials), kept in the
//! database (`attempt_counters`) so that every instance sharing it enforces
//! the same limit.
//!
//! An attempt is *reserved* before the password is checked: one
//! `INSERT … ON CONFLICT … DO UPDATE … WHERE <allowed> RETURNING` counts it
//! as a failure only if the limit allows it, so parallel guesses cannot slip
//! past the limit and a refused guess costs no argon2 work. A success then
//! resets the account's counter and gives the address its reservation back.
//!
//! Policy (sign-in):
//! * per account (normalized email, known or not, stored as a SHA-256):
//!   [`ACCOUNT_FREE_FAILURES`] failures are free; after that each attempt
//!   must wait 2^(n − free) seconds after the previous one (1 s, 2 s, 4 s, …,
//!   capped at [`MAX_DELAY`]); the counter starts over after [`WINDOW`]
//!   without an attempt, and on a success;
//! * per client address (IPv6 grouped by /64): [`ADDRESS_MAX_FAILURES`]
//!   failures per [`WINDOW`] (counted from the first one).
//!
//! Tenant credentials: [`TENANT_MAX_FAILURES`] failures per user and tenant
//! per [`WINDOW`].
//!
//! Memory stays bounded: rows idle for a whole window are pruned on every
//! reservation (they would start over anyway).

use crate::sql::{Conn, OptionalExtension};
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use sha2::{Digest, Sha256};
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

/// Window of every counter, seconds.
pub const WINDOW: i64 = 15 * 60;
/// Failed sign-ins per account before the delays start.
pub const ACCOUNT_FREE_FAILURES: i64 = 10;
/// Longest delay between two sign-in attempts for one account, seconds.
pub const MAX_DELAY: i64 = 15 * 60;
/// Failed sign-ins per client address and window.
pub const ADDRESS_MAX_FAILURES: i64 = 100;
/// Failed tenant-credential checks per user and tenant and window.
pub const TENANT_MAX_FAILURES: i64 = 5;

/// How a counter refuses.
#[derive(Clone, Copy, Debug)]
pub enum Policy {
    /// `free` failures, then a doubling delay after the last attempt.
    Backoff { free: i64 },
    /// At most `max` failures per window from the first one.
    Fixed { max: i64 },
}

pub const ACCOUNT: Policy = Policy::Backoff {
    free: ACCOUNT_FREE_FAILURES,
};
pub const ADDRESS: Policy = Policy::Fixed {
    max: ADDRESS_MAX_FAILURES,
};
pub const TENANT: Policy = Policy::Fixed {
    max: TENANT_MAX_FAILURES,
};

/// Wait after the `failures`-th failure of a [`Policy::Backoff`] counter.
pub fn backoff_delay(failures: i64, free: i64) -> i64 {
    let over = failures - free;
    if over < 0 {
        0
    } else if over >= 10 {
        MAX_DELAY
    } else {
        (1i64 << over).min(MAX_DELAY)
    }
}

/// Backoff: allowed while below `free` (?3), after a quiet window (?4), or
/// once the delay since the last attempt has passed (the same formula as
/// [`backoff_delay`], with ?5 = [`MAX_DELAY`]).
const RESERVE_BACKOFF: &str = "INSERT INTO attempt_counters (bucket, failures, first_at, last_at)
     VALUES (?1, 1, ?2, ?2)
     ON CONFLICT (bucket) DO UPDATE SET
       failures = CASE WHEN attempt_counters.last_at <= ?2 - ?4 THEN 1
                       ELSE attempt_counters.failures + 1 END,
       first_at = CASE WHEN attempt_counters.last_at <= ?2 - ?4 THEN ?2
                       ELSE attempt_counters.first_at END,
       last_at = ?2
     WHERE attempt_counters.failures < ?3
        OR attempt_counters.last_at <= ?2 - ?4
        OR attempt_counters.last_at
           + CASE WHEN attempt_counters.failures - ?3 >= 10 THEN ?5
                  ELSE (1 << CAST(attempt_counters.failures - ?3 AS INTEGER)) END <= ?2
     RETURNING failures";

/// Fixed window: allowed while below `max` (?3) or once the window (?4) that
/// began with the first failure has passed.
const RESERVE_FIXED: &str = "INSERT INTO attempt_counters (bucket, failures, first_at, last_at)
     VALUES (?1, 1, ?2, ?2)
     ON CONFLICT (bucket) DO UPDATE SET
       failures = CASE WHEN attempt_counters.first_at <= ?2 - ?4 THEN 1
                       ELSE attempt_counters.failures + 1 END,
       first_at = CASE WHEN attempt_counters.first_at <= ?2 - ?4 THEN ?2
                       ELSE attempt_counters.first_at END,
       last_at = ?2
     WHERE attempt_counters.failures < ?3
        OR attempt_counters.first_at <= ?2 - ?4
     RETURNING failures";

/// Counts one attempt in `bucket` if `policy` allows it: `Ok(())`, or
/// `Err(seconds)` to wait (nothing counted).
pub fn reserve(
    conn: &Conn,
    bucket: &str,
    policy: Policy,
    now: i64,
) -> crate::sql::Result<Result<(), i64>> {
    let counted: Option<i64> = match policy {
        Policy::Backoff { free } => conn.query_row(
            RESERVE_BACKOFF,
            crate::params![bucket, now, free, WINDOW, MAX_DELAY],
            |r| r.get(0),
        ),
        Policy::Fixed { max } => conn.query_row(
            RESERVE_FIXED,
            crate::params![bucket, now, max, WINDOW],
            |r| r.get(0),
        ),
    }
    .optional()?;
    if counted.is_some() {
        return Ok(Ok(()));
    }
    // Refused: only the wait remains to be worked out.
    let row: Option<(i64, i64, i64)> = conn
        .query_row(
            "SELECT failures, first_at, last_at FROM attempt_counters WHERE bucket = ?1",
            [bucket],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let wait = match (policy, row) {
        (Policy::Backoff { free }, Some((failures, _, last))) => {
            (last + backoff_delay(failures, free)).min(last + WINDOW) - now
        }
        (Policy::Fixed { .. }, Some((_, first, _))) => first + WINDOW - now,
        (_, None) => 1,
    };
    Ok(Err(wait.clamp(1, WINDOW)))
}

/// Starts `bucket` over (a success for the account or tenant).
pub fn reset(conn: &Conn, bucket: &str) -> crate::sql::Result<()> {
    conn.execute("DELETE FROM attempt_counters WHERE bucket = ?1", [bucket])?;
    Ok(())
}

/// Gives one reservation back (a success from the address).
pub fn give_back(conn: &Conn, bucket: &str) -> crate::sql::Result<()> {
    conn.execute(
        "UPDATE attempt_counters SET failures = failures - 1 WHERE bucket = ?1 AND failures > 0",
        [bucket],
    )?;
    Ok(())
}

/// Removes counters idle for a whole window (they would start over anyway).
pub fn prune(conn: &Conn, now: i64) -> crate::sql::Result<()> {
    conn.execute(
        "DELETE FROM attempt_counters WHERE last_at <= ?1",
        [now - WINDOW],
    )?;
    Ok(())
}

/// Counter of sign-ins for an account (the normalized email, hashed so the
/// table holds no email addresses, not even mistyped ones).
pub fn account_bucket(normalized_email: &str) -> String {
    format!(
        "signin:account:{}",
        hex::encode(Sha256::digest(normalized_email.as_bytes()))
    )
}

/// Counter of sign-ins from a client address: IPv4 as is, IPv6 by its /64
/// (one host usually holds a whole /64), no address (in-process tests) as
/// `unknown`.
pub fn address_bucket(addr: Option<IpAddr>) -> String {
    let key = match addr.map(|a| a.to_canonical()) {
        Some(IpAddr::V4(v4)) => v4.to_string(),
        Some(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        None => "unknown".to_string(),
    };
    format!("signin:address:{key}")
}

/// Counter of tenant-credential checks by a user for a tenant.
pub fn tenant_bucket(user_id: &str, domain: &str) -> String {
    format!("tenant:{user_id}:{domain}")
}

/// The client address of a request: the TCP peer (`ConnectInfo`, set by
/// [`crate::with_client_addresses`]); `None` when served without it
/// (in-process tests). `X-Forwarded-For` is believed only from a proxy listed
/// in `--trusted-proxies` (see [`client_address`]).
#[derive(Clone, Copy, Debug)]
pub struct ClientAddr(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        Ok(ClientAddr(client_address(
            peer,
            &parts.headers,
            &state.config.trusted_proxies,
        )))
    }
}

/// The client behind `peer`: `peer` itself unless it is a trusted proxy;
/// then the `X-Forwarded-For` entries are walked from the right (the ones
/// the trusted proxies appended) to the first address that is not a trusted
/// proxy. A malformed entry ends the walk at the last address vouched for.
pub fn client_address(
    peer: Option<IpAddr>,
    headers: &HeaderMap,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let mut addr = peer?.to_canonical();
    if !trusted.contains(&addr) {
        return Some(addr);
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    for hop in hops.into_iter().rev() {
        let Ok(hop) = hop.parse::<IpAddr>() else {
            break;
        };
        addr = hop.to_canonical();
        if !trusted.contains(&addr) {
            break;
        }
    }
    Some(addr)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Conn {
        let conn = Conn::Sqlite(rusqlite::Connection::open_in_memory().unwrap());
        crate::db::migrate(&conn).unwrap();
        conn
    }

    #[test]
    fn backoff_delays_double_up_to_the_cap() {
        let free = ACCOUNT_FREE_FAILURES;
        assert_eq!(backoff_delay(free - 1, free), 0);
        assert_eq!(backoff_delay(free, free), 1);
        assert_eq!(backoff_delay(free + 3, free), 8);
        assert_eq!(backoff_delay(free + 9, free), 512);
        assert_eq!(backoff_delay(free + 10, free), MAX_DELAY);
        assert_eq!(backoff_delay(free + 60, free), MAX_DELAY);
    }

    #[test]
    fn the_sql_backoff_matches_the_documented_one() {
        let conn = db();
        let b = "signin:account:x";
        let mut now = 1_000_000;
        for _ in 0..ACCOUNT_FREE_FAILURES {
            assert_eq!(reserve(&conn, b, ACCOUNT, now).unwrap(), Ok(()));
        }
        for n in ACCOUNT_FREE_FAILURES..=ACCOUNT_FREE_FAILURES + 10 {
            let delay = backoff_delay(n, ACCOUNT_FREE_FAILURES).min(WINDOW);
            assert_eq!(reserve(&conn, b, ACCOUNT, now).unwrap(), Err(delay));
            if delay > 1 {
                assert_eq!(reserve(&conn, b, ACCOUNT, now + delay - 1).unwrap(), Err(1));
            }
            now += delay;
            assert_eq!(reserve(&conn, b, ACCOUNT, now).unwrap(), Ok(()));
        }
        // The longest delay is a whole window: the counter then starts over.
        let failures: i64 = conn
            .query_row(
                "SELECT failures FROM attempt_counters WHERE bucket = ?1",
                [b],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(failures, 1);
    }

    #[test]
    fn fixed_window_refuses_until_it_ends_then_starts_over() {
        let conn = db();
        let b = "tenant:u:d";
        for _ in 0..TENANT_MAX_FAILURES {
            assert_eq!(reserve(&conn, b, TENANT, 100).unwrap(), Ok(()));
        }
        assert_eq!(reserve(&conn, b, TENANT, 160).unwrap(), Err(WINDOW - 60));
        assert_eq!(reserve(&conn, b, TENANT, 100 + WINDOW).unwrap(), Ok(()));
        let failures: i64 = conn
            .query_row(
                "SELECT failures FROM attempt_counters WHERE bucket = ?1",
                [b],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(failures, 1);
        reset(&conn, b).unwrap();
        prune(&conn, 10 * WINDOW).unwrap();
    }

    #[test]
    fn addresses() {
        assert_eq!(
            address_bucket(Some("192.0.2.7".parse().unwrap())),
            "signin:address:192.0.2.7"
        );
        assert_eq!(
            address_bucket(Some("::ffff:192.0.2.7".parse().unwrap())),
            "signin:address:192.0.2.7"
        );
        assert_eq!(
            address_bucket(Some("2001:db8:1:2:aaaa::1".parse().unwrap())),
            address_bucket(Some("2001:db8:1:2:bbbb::9".parse().unwrap()))
        );
        assert_eq!(address_bucket(None), "signin:address:unknown");
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "198.51.100.7, 192.0.2.1, 10.0.0.2".parse().unwrap(),
        );
        let trusted = [ip("10.0.0.1"), ip("10.0.0.2")];
        // Not from a trusted proxy: the header is ignored.
        assert_eq!(
            client_address(Some(ip("203.0.113.5")), &headers, &trusted),
            Some(ip("203.0.113.5"))
        );
        // From one: the rightmost address that is not a trusted proxy
        // (the client may have sent forged entries to its left).
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &headers, &trusted),
            Some(ip("192.0.2.1"))
        );
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &headers, &[]),
            Some(ip("10.0.0.1"))
        );
        headers.insert("x-forwarded-for", "garbage, 10.0.0.2".parse().unwrap());
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &headers, &trusted),
            Some(ip("10.0.0.2"))
        );
        assert_eq!(client_address(None, &headers, &trusted), None);
    }
}
