//! Shared application state.

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
}
