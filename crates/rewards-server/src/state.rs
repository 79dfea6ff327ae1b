//! Shared application state.

use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Random id of this server instance (per start): the owner of the
    /// idempotency claims it holds.
    pub instance: Arc<str>,
    /// The clock of the attempt limits (tests move it).
    pub clock: Clock,
    /// Bounds the argon2 verifications running at once (one per core), so a
    /// flood of sign-ins cannot take every core or the blocking pool.
    pub argon2: Arc<tokio::sync::Semaphore>,
}
