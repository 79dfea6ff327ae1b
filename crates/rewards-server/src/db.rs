//! SQLite access through a small pool of connections, used from
//! `spawn_blocking` so queries never block the async runtime.
//!
//! WAL mode lets readers run in parallel with one writer, so the pool holds
//! [`POOL_SIZE`] connections; a `tokio` semaphore bounds how many calls use
//! one at a time, so a flood of requests waits asynchronously instead of
//! filling the blocking thread pool. Every connection has a busy timeout,
//! foreign keys on, and starts its transactions with `BEGIN IMMEDIATE`: a
//! transaction that reads and then writes takes the write lock up front, so
//! two of them (in this process or another one on the same file) wait for
//! each other instead of failing with `SQLITE_BUSY` on the lock upgrade.
//! Versioned migrations run at start.
//!
//! [`Db::call`] is the one entry point for request handlers.

use crate::problem::{ApiResult, Problem};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Versioned migrations compiled into the binary, applied in order.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("../migrations/0001_initial.sql")),
    (
        2,
        "atomic_writes",
        include_str!("../migrations/0002_atomic_writes.sql"),
    ),
    (
        3,
        "attempt_counters",
        include_str!("../migrations/0003_attempt_counters.sql"),
    ),
];

/// Connections in the pool (and calls running at once). SQLite allows one
/// writer at a time, so more connections only help reads; four keeps both
/// cores busy with reads while a write holds the lock.
pub const POOL_SIZE: usize = 4;

#[derive(Clone)]
pub struct Db {
    pool: Arc<Pool>,
}

struct Pool {
    path: PathBuf,
    size: usize,
    idle: Mutex<Vec<Connection>>,
    permits: Arc<Semaphore>,
}

impl Pool {
    /// An idle connection, or a new one when none is idle (a connection is
    /// dropped when a call panics, so the pool heals itself).
    fn take(&self) -> rusqlite::Result<Connection> {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop();
        match idle {
            Some(conn) => Ok(conn),
            None => open_connection(&self.path),
        }
    }

    fn put(&self, conn: Connection) {
        let mut idle = self
            .idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if idle.len() < self.size {
            idle.push(conn);
        }
    }
}

impl Db {
    /// Opens (creating the parent directory and file if needed) and migrates.
    pub fn open(path: &Path) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
        Self::open_with_pool_size(path, POOL_SIZE)
    }

    /// [`Db::open`] with `size` connections (at least one).
    pub fn open_with_pool_size(
        path: &Path,
        size: usize,
    ) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
        if let Some(parent) = path.parent() {
            if !parent.as_os_str().is_empty() {
                std::fs::create_dir_all(parent)?;
            }
        }
        let size = size.max(1);
        let mut first = open_connection(path)?;
        migrate(&mut first)?;
        let mut idle = vec![first];
        for _ in 1..size {
            idle.push(open_connection(path)?);
        }
        Ok(Db {
            pool: Arc::new(Pool {
                path: path.to_path_buf(),
                size,
                idle: Mutex::new(idle),
                permits: Arc::new(Semaphore::new(size)),
            }),
        })
    }

    /// Runs `f` with a pooled connection on the blocking pool, after waiting
    /// (asynchronously) for a free connection.
    pub async fn call<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> ApiResult<T> + Send + 'static,
    {
        let permit = self
            .pool
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| Problem::internal())?;
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let mut conn = pool.take().map_err(|err| {
                tracing::error!(error = %err, "cannot open a database connection");
                Problem::internal()
            })?;
            let result = f(&mut conn);
            pool.put(conn);
            result
        })
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "database task failed");
            Problem::internal()
        })?
    }

    /// Synchronous access for start-up work (seeding) and tests.
    pub fn with_conn<T>(&self, f: impl FnOnce(&mut Connection) -> T) -> T {
        let mut conn = self.pool.take().expect("open a database connection");
        let result = f(&mut conn);
        self.pool.put(conn);
        result
    }
}

/// One configured connection.
fn open_connection(path: &Path) -> rusqlite::Result<Connection> {
    let mut conn = Connection::open(path)?;
    configure(&mut conn)?;
    Ok(conn)
}

fn configure(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // journal_mode returns a row, so read it rather than execute it.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = NORMAL;",
    )?;
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    Ok(())
}

/// Applies pending migrations, each in its own (immediate) transaction,
/// recording them in `schema_migrations`; the check runs inside the
/// transaction, so two processes starting at once apply each migration once.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version     INTEGER PRIMARY KEY,
             name        TEXT NOT NULL,
             applied_at  INTEGER NOT NULL
         )",
    )?;
    for (version, name, sql) in MIGRATIONS {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let done: Option<i64> = tx
            .query_row(
                "SELECT version FROM schema_migrations WHERE version = ?1",
                [version],
                |r| r.get(0),
            )
            .optional()?;
        if done.is_some() {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            rusqlite::params![version, name, crate::clock::now_unix()],
        )?;
        tx.commit()?;
        tracing::info!(version, name, "applied migration");
    }
    Ok(())
}
