//! Database access through a small pool of connections, used from
//! `spawn_blocking` so queries never block the async runtime. Two stores
//! share one repository layer ([`crate::sql`]):
//!
//! - **SQLite** (the embedded default, a file path): WAL mode lets readers
//!   run in parallel with one writer. Every connection has a busy timeout,
//!   foreign keys on, and starts its transactions with `BEGIN IMMEDIATE`: a
//!   transaction that reads and then writes takes the write lock up front,
//!   so two of them (in this process or another one on the same file) wait
//!   for each other instead of failing with `SQLITE_BUSY` on the lock upgrade.
//! - **PostgreSQL** (a `postgres://` or `postgresql://` URL), or a
//!   compatible service: plain `BEGIN` (READ COMMITTED); the writes that
//!   race between instances are single conditional statements.
//!
//! A `tokio` semaphore bounds how many calls use a connection at a time, so a
//! flood of requests waits asynchronously instead of filling the blocking
//! thread pool. Versioned migrations (one set per dialect) run at start
//! under a migration lock.
//!
//! [`Db::call`] is the one entry point for request handlers.

use crate::problem::{ApiResult, Problem};
use crate::sql::{self, Conn, Dialect, OptionalExtension};
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Versioned SQLite migrations compiled into the binary, applied in order.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "initial",
        include_str!("../migrations/sqlite/0001_initial.sql"),
    ),
    (
        2,
        "atomic_writes",
        include_str!("../migrations/sqlite/0002_atomic_writes.sql"),
    ),
    (
        3,
        "attempt_counters",
        include_str!("../migrations/sqlite/0003_attempt_counters.sql"),
    ),
    (
        4,
        "timeline",
        include_str!("../migrations/sqlite/0004_timeline.sql"),
    ),
    (
        5,
        "technical_cases",
        include_str!("../migrations/sqlite/0005_technical_cases.sql"),
    ),
    (
        6,
        "m365_usage",
        include_str!("../migrations/sqlite/0006_m365_usage.sql"),
    ),
];

/// The same versions for PostgreSQL (and compatible services).
pub const POSTGRES_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "initial",
        include_str!("../migrations/postgres/0001_initial.sql"),
    ),
    (
        2,
        "atomic_writes",
        include_str!("../migrations/postgres/0002_atomic_writes.sql"),
    ),
    (
        3,
        "attempt_counters",
        include_str!("../migrations/postgres/0003_attempt_counters.sql"),
    ),
    (
        4,
        "timeline",
        include_str!("../migrations/postgres/0004_timeline.sql"),
    ),
    (
        5,
        "technical_cases",
        include_str!("../migrations/postgres/0005_technical_cases.sql"),
    ),
    (
        6,
        "m365_usage",
        include_str!("../migrations/postgres/0006_m365_usage.sql"),
    ),
];

/// Connections in the pool (and calls running at once). SQLite allows one
/// writer at a time, so more connections only help reads; four keeps both
/// cores busy with reads while a write holds the lock.
pub const POOL_SIZE: usize = 4;

/// Whether `--db` names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// `host[:port]/dbname` of a PostgreSQL URL, for logs (never the password).
pub fn describe_postgres(config: &postgres::Config) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            #[cfg(unix)]
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .collect();
    let port = config
        .get_ports()
        .first()
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    format!(
        "{}{port}/{}",
        hosts.join(","),
        config.get_dbname().unwrap_or("")
    )
}

#[derive(Clone)]
pub struct Db {
    pool: Arc<Pool>,
}

/// How to open one more connection.
enum Target {
    Sqlite(PathBuf),
    Postgres(Box<postgres::Config>),
}

struct Pool {
    target: Target,
    size: usize,
    idle: Mutex<Vec<Conn>>,
    permits: Arc<Semaphore>,
}

impl Pool {
    /// An idle connection, or a new one when none is idle (a connection is
    /// dropped when a call panics or the server closed it, so the pool heals
    /// itself).
    fn take(&self) -> sql::Result<Conn> {
        loop {
            let idle = self
                .idle
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .pop();
            match idle {
                Some(conn) if conn.is_usable() => return Ok(conn),
                Some(_) => continue,
                None => return self.target.open(),
            }
        }
    }

    fn put(&self, conn: Conn) {
        if !conn.is_usable() {
            return;
        }
        let mut idle = self
            .idle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if idle.len() < self.size {
            idle.push(conn);
        }
    }
}

impl Target {
    fn open(&self) -> sql::Result<Conn> {
        match self {
            Target::Sqlite(path) => Ok(Conn::Sqlite(open_connection(path)?)),
            Target::Postgres(config) => Ok(Conn::postgres(config.connect(postgres::NoTls)?)),
        }
    }
}

impl Db {
    /// Opens (creating the parent directory and file if needed) and migrates.
    /// `db` is a SQLite file path or a `postgres://` URL.
    pub fn open(db: &Path) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
        Self::open_with_pool_size(db, POOL_SIZE)
    }

    /// [`Db::open`] with `size` connections (at least one). Runs on a thread
    /// of its own, so it may be called from async code (see
    /// [`sql::PgClient`]).
    pub fn open_with_pool_size(
        db: &Path,
        size: usize,
    ) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
        std::thread::scope(|s| {
            s.spawn(|| Self::open_here(db, size))
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    fn open_here(db: &Path, size: usize) -> Result<Db, Box<dyn std::error::Error + Send + Sync>> {
        let size = size.max(1);
        let target = match db.to_str().filter(|s| is_postgres_url(s)) {
            Some(url) => {
                let mut config: postgres::Config = url.parse()?;
                if config.get_connect_timeout().is_none() {
                    config.connect_timeout(Duration::from_secs(10));
                }
                if config.get_application_name().is_none() {
                    config.application_name("rewards-server");
                }
                tracing::info!(database = %describe_postgres(&config), "using PostgreSQL");
                Target::Postgres(Box::new(config))
            }
            None => {
                if let Some(parent) = db.parent() {
                    if !parent.as_os_str().is_empty() {
                        std::fs::create_dir_all(parent)?;
                    }
                }
                Target::Sqlite(db.to_path_buf())
            }
        };
        let first = target.open()?;
        migrate(&first)?;
        let mut idle = vec![first];
        for _ in 1..size {
            idle.push(target.open()?);
        }
        Ok(Db {
            pool: Arc::new(Pool {
                target,
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
        F: FnOnce(&mut Conn) -> ApiResult<T> + Send + 'static,
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

    /// Synchronous access for start-up work (seeding) and tests, on a
    /// thread of its own (so it may be called from async code).
    pub fn with_conn<T: Send>(&self, f: impl FnOnce(&mut Conn) -> T + Send) -> T {
        std::thread::scope(|s| {
            s.spawn(|| {
                let mut conn = self.pool.take().expect("open a database connection");
                let result = f(&mut conn);
                self.pool.put(conn);
                result
            })
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    pub fn dialect(&self) -> Dialect {
        match self.pool.target {
            Target::Sqlite(_) => Dialect::Sqlite,
            Target::Postgres(_) => Dialect::Postgres,
        }
    }
}

/// One configured SQLite connection.
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

/// A lock held by one server instance at a time across every instance on
/// the database (migrations, first-start seeding). SQLite needs none (its
/// transactions start with `BEGIN IMMEDIATE`, so the check and the change
/// are atomic); on PostgreSQL it is a row in `schema_lock`, taken with a
/// portable `INSERT … ON CONFLICT DO NOTHING` (no advisory locks, so it also
/// works on CockroachDB). A holder that died is taken over after
/// [`LOCK_STALE_SECONDS`].
pub fn with_lock<T>(
    conn: &Conn,
    name: &str,
    f: impl FnOnce(&Conn) -> sql::Result<T>,
) -> sql::Result<T> {
    if conn.dialect() == Dialect::Sqlite {
        return f(conn);
    }
    create_if_missing(
        conn,
        "CREATE TABLE IF NOT EXISTS schema_lock (
             name         TEXT PRIMARY KEY,
             owner        TEXT NOT NULL,
             acquired_at  BIGINT NOT NULL
         )",
    )?;
    let owner = crate::auth::new_id("lock-");
    let started = Instant::now();
    let mut logged = false;
    loop {
        let now = crate::clock::now_unix();
        let taken = conn.execute(
            "INSERT INTO schema_lock (name, owner, acquired_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO NOTHING",
            crate::params![name, owner, now],
        )?;
        if taken == 1 {
            break;
        }
        conn.execute(
            "DELETE FROM schema_lock WHERE name = ?1 AND acquired_at < ?2",
            crate::params![name, now - LOCK_STALE_SECONDS],
        )?;
        if !logged {
            tracing::info!(lock = name, "waiting for another instance's lock");
            logged = true;
        }
        if started.elapsed() > Duration::from_secs(10 * 60) {
            return Err(sql::Error::Conversion(
                0,
                format!("lock {name} not acquired"),
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let result = f(conn);
    conn.execute(
        "DELETE FROM schema_lock WHERE name = ?1 AND owner = ?2",
        crate::params![name, owner],
    )?;
    result
}

/// After how long a lock holder is presumed dead.
pub const LOCK_STALE_SECONDS: i64 = 120;

/// `CREATE TABLE IF NOT EXISTS` run by several instances at once can fail on
/// PostgreSQL (a duplicate in its catalogue): try again.
fn create_if_missing(conn: &Conn, ddl: &str) -> sql::Result<()> {
    let mut attempt = 0;
    loop {
        match conn.execute_batch(ddl) {
            Ok(()) => return Ok(()),
            Err(_) if attempt < 5 => {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(50 * attempt));
            }
            Err(e) => return Err(e),
        }
    }
}

/// Applies pending migrations of the connection's dialect, each in its own
/// transaction, recording them in `schema_migrations`; on SQLite the check
/// runs inside the (immediate) transaction, on PostgreSQL under
/// [`with_lock`], so two processes starting at once apply each migration
/// once.
pub fn migrate(conn: &Conn) -> sql::Result<()> {
    let migrations = match conn.dialect() {
        Dialect::Sqlite => MIGRATIONS,
        Dialect::Postgres => POSTGRES_MIGRATIONS,
    };
    // SQLite keeps its original DDL (INTEGER PRIMARY KEY), so existing files
    // stay as they were.
    let int = match conn.dialect() {
        Dialect::Sqlite => "INTEGER",
        Dialect::Postgres => "BIGINT",
    };
    create_if_missing(
        conn,
        &format!(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
             version     {int} PRIMARY KEY,
             name        TEXT NOT NULL,
             applied_at  {int} NOT NULL
         )"
        ),
    )?;
    with_lock(conn, "migrate", |conn| {
        for (version, name, sql) in migrations {
            let tx = conn.transaction()?;
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
                crate::params![version, name, crate::clock::now_unix()],
            )?;
            tx.commit()?;
            tracing::info!(version, name, "applied migration");
        }
        Ok(())
    })
}
