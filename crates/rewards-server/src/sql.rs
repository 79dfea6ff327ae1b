//! The thin SQL layer every query goes through, so one set of repository
//! functions runs on SQLite (embedded default) and on PostgreSQL (or a
//! compatible service).
//!
//! SQL is written once with numbered placeholders `?1, ?2, …` (SQLite's
//! syntax) and translated to `$1, $2, …` for PostgreSQL. Parameters are
//! [`Value`]s, columns are read through [`FromValue`], and both stores keep
//! the same column types: integers (`INTEGER` / `BIGINT`, booleans as 0/1),
//! text and blobs (`BLOB` / `BYTEA`).
//!
//! [`Conn`] takes `&self` everywhere (the PostgreSQL client sits in a
//! `RefCell`), so a [`Tx`] derefs to a `&Conn` like rusqlite's transaction.

use std::cell::RefCell;
use std::fmt;

/// A database error of either store, or a column that does not convert.
#[derive(Debug)]
pub enum Error {
    /// `query_row` found no row.
    NoRows,
    Sqlite(rusqlite::Error),
    Postgres(postgres::Error),
    /// Column `.0` does not convert: `.1`.
    Conversion(usize, String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoRows => f.write_str("query returned no rows"),
            Error::Sqlite(e) => write!(f, "sqlite: {e}"),
            Error::Postgres(e) => {
                write!(f, "postgres: {e}")?;
                // The cause (refused, authentication failed, SQL error) is
                // in the source; neither holds the URL.
                match std::error::Error::source(e) {
                    Some(cause) => write!(f, ": {cause}"),
                    None => Ok(()),
                }
            }
            Error::Conversion(idx, msg) => write!(f, "column {idx}: {msg}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NoRows,
            e => Error::Sqlite(e),
        }
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        Error::Postgres(e)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `query_row(...).optional()`: no row becomes `None`.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A parameter or column value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// Conversion of a Rust value into a parameter.
pub trait ToValue {
    fn to_value(&self) -> Value;
}

macro_rules! int_to_value {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value {
                Value::Int(*self as i64)
            }
        }
    )*};
}
int_to_value!(i64, i32, u16, u32, u64, usize);

impl ToValue for bool {
    fn to_value(&self) -> Value {
        Value::Int(i64::from(*self))
    }
}
impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_string())
    }
}
impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}
impl ToValue for Vec<u8> {
    fn to_value(&self) -> Value {
        Value::Blob(self.clone())
    }
}
impl ToValue for [u8] {
    fn to_value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}
impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}
impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}
impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        match self {
            Some(v) => v.to_value(),
            None => Value::Null,
        }
    }
}

/// The parameters of one statement.
pub trait Params {
    fn values(self) -> Vec<Value>;
}

impl Params for () {
    fn values(self) -> Vec<Value> {
        Vec::new()
    }
}
impl Params for Vec<Value> {
    fn values(self) -> Vec<Value> {
        self
    }
}
impl<T: ToValue, const N: usize> Params for [T; N] {
    fn values(self) -> Vec<Value> {
        self.iter().map(ToValue::to_value).collect()
    }
}
impl<T: ToValue, const N: usize> Params for &[T; N] {
    fn values(self) -> Vec<Value> {
        self.iter().map(ToValue::to_value).collect()
    }
}

/// `params![a, b, …]`: parameters of mixed types.
#[macro_export]
macro_rules! params {
    () => { ::std::vec::Vec::<$crate::sql::Value>::new() };
    ($($p:expr),+ $(,)?) => {
        ::std::vec![$($crate::sql::ToValue::to_value(&$p)),+]
    };
}
pub use crate::params;

/// Conversion of a column value into a Rust value.
pub trait FromValue: Sized {
    fn from_value(v: Value) -> std::result::Result<Self, String>;
}

impl FromValue for Value {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        Ok(v)
    }
}
impl FromValue for i64 {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Int(i) => Ok(i),
            other => Err(format!("expected an integer, found {other:?}")),
        }
    }
}
macro_rules! int_from_value {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_value(v: Value) -> std::result::Result<Self, String> {
                let i = i64::from_value(v)?;
                <$t>::try_from(i).map_err(|e| e.to_string())
            }
        }
    )*};
}
int_from_value!(i32, u16, u32, u64, usize);

impl FromValue for bool {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        Ok(i64::from_value(v)? != 0)
    }
}
impl FromValue for String {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Text(s) => Ok(s),
            other => Err(format!("expected text, found {other:?}")),
        }
    }
}
impl FromValue for Vec<u8> {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Blob(b) => Ok(b),
            Value::Text(s) => Ok(s.into_bytes()),
            other => Err(format!("expected a blob, found {other:?}")),
        }
    }
}
impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: Value) -> std::result::Result<Self, String> {
        match v {
            Value::Null => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}

/// Index of a column (only positions).
pub trait RowIndex {
    fn index(self) -> usize;
}
impl RowIndex for usize {
    fn index(self) -> usize {
        self
    }
}

/// One result row of either store.
pub enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a postgres::Row),
}

impl Row<'_> {
    /// Column `idx` as `T`.
    pub fn get<I: RowIndex, T: FromValue>(&self, idx: I) -> Result<T> {
        let idx = idx.index();
        let value = self.value(idx)?;
        T::from_value(value).map_err(|msg| Error::Conversion(idx, msg))
    }

    fn value(&self, idx: usize) -> Result<Value> {
        match self {
            Row::Sqlite(row) => {
                use rusqlite::types::ValueRef;
                Ok(match row.get_ref(idx)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(i) => Value::Int(i),
                    ValueRef::Real(f) => Value::Real(f),
                    ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Value::Blob(b.to_vec()),
                })
            }
            Row::Postgres(row) => pg_value(row, idx),
        }
    }
}

fn pg_value(row: &postgres::Row, idx: usize) -> Result<Value> {
    use postgres::types::Type;
    let columns = row.columns();
    let Some(column) = columns.get(idx) else {
        return Err(Error::Conversion(idx, "no such column".into()));
    };
    let ty = column.type_().clone();
    let v = if ty == Type::INT8 {
        row.try_get::<_, Option<i64>>(idx)?.map(Value::Int)
    } else if ty == Type::INT4 {
        row.try_get::<_, Option<i32>>(idx)?
            .map(|i| Value::Int(i.into()))
    } else if ty == Type::INT2 {
        row.try_get::<_, Option<i16>>(idx)?
            .map(|i| Value::Int(i.into()))
    } else if ty == Type::BOOL {
        row.try_get::<_, Option<bool>>(idx)?
            .map(|b| Value::Int(b.into()))
    } else if ty == Type::FLOAT8 {
        row.try_get::<_, Option<f64>>(idx)?.map(Value::Real)
    } else if ty == Type::BYTEA {
        row.try_get::<_, Option<Vec<u8>>>(idx)?.map(Value::Blob)
    } else {
        row.try_get::<_, Option<String>>(idx)?.map(Value::Text)
    };
    Ok(v.unwrap_or(Value::Null))
}

impl postgres::types::ToSql for Value {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut bytes::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>>
    {
        use postgres::types::{IsNull, Type};
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => {
                if *ty == Type::INT8 {
                    i.to_sql(ty, out)
                } else if *ty == Type::INT4 {
                    i32::try_from(*i)?.to_sql(ty, out)
                } else if *ty == Type::INT2 {
                    i16::try_from(*i)?.to_sql(ty, out)
                } else if *ty == Type::BOOL {
                    (*i != 0).to_sql(ty, out)
                } else if *ty == Type::FLOAT8 {
                    (*i as f64).to_sql(ty, out)
                } else {
                    i.to_string().to_sql(ty, out)
                }
            }
            Value::Real(f) => f.to_sql(ty, out),
            Value::Text(s) => s.to_sql(ty, out),
            Value::Blob(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_ty: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// `?N` placeholders to PostgreSQL's `$N` (outside quoted text).
pub fn to_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    for c in sql.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '?' => {
                out.push('$');
                continue;
            }
            None => {}
        }
        out.push(c);
    }
    out
}

/// Which store a connection talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// One connection of either store.
pub enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(RefCell<PgClient>),
}

/// The synchronous `postgres` client runs its own small tokio runtime, which
/// must not be entered (nor dropped) on an async worker thread: the server
/// uses it from `spawn_blocking` (and start-up work from a plain thread),
/// and a closing client is dropped on a thread of its own.
pub struct PgClient(Option<postgres::Client>);

impl PgClient {
    fn client(&mut self) -> &mut postgres::Client {
        self.0.as_mut().expect("an open PostgreSQL client")
    }
}

impl Drop for PgClient {
    fn drop(&mut self) {
        if let Some(client) = self.0.take() {
            let _ = std::thread::Builder::new()
                .name("pg-close".into())
                .spawn(move || drop(client));
        }
    }
}

impl Conn {
    pub fn postgres(client: postgres::Client) -> Conn {
        Conn::Postgres(RefCell::new(PgClient(Some(client))))
    }

    pub fn dialect(&self) -> Dialect {
        match self {
            Conn::Sqlite(_) => Dialect::Sqlite,
            Conn::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Whether the connection can still be used (a PostgreSQL connection
    /// closes when the server restarts).
    pub fn is_usable(&self) -> bool {
        match self {
            Conn::Sqlite(_) => true,
            Conn::Postgres(c) => !c.borrow_mut().client().is_closed(),
        }
    }

    /// Runs statements without parameters (a migration script).
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match self {
            Conn::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Conn::Postgres(c) => Ok(c.borrow_mut().client().batch_execute(sql)?),
        }
    }

    /// Runs one statement: the number of rows changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        let values = params.values();
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                Ok(stmt.execute(rusqlite::params_from_iter(values.iter().map(sqlite_value)))?)
            }
            Conn::Postgres(c) => {
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = values
                    .iter()
                    .map(|v| v as &(dyn postgres::types::ToSql + Sync))
                    .collect();
                let n = c
                    .borrow_mut()
                    .client()
                    .execute(to_postgres(sql).as_str(), &refs)?;
                Ok(n as usize)
            }
        }
    }

    /// All rows of a query, each mapped by `f`.
    pub fn query_all<P, T, F>(&self, sql: &str, params: P, mut f: F) -> Result<Vec<T>>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        let values = params.values();
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let mut rows =
                    stmt.query(rusqlite::params_from_iter(values.iter().map(sqlite_value)))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    out.push(f(&Row::Sqlite(row))?);
                }
                Ok(out)
            }
            Conn::Postgres(c) => {
                let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = values
                    .iter()
                    .map(|v| v as &(dyn postgres::types::ToSql + Sync))
                    .collect();
                let rows = c
                    .borrow_mut()
                    .client()
                    .query(to_postgres(sql).as_str(), &refs)?;
                rows.iter().map(|row| f(&Row::Postgres(row))).collect()
            }
        }
    }

    /// The first row of a query mapped by `f`, or [`Error::NoRows`].
    pub fn query_row<P, T, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        let mut f = Some(f);
        let mut first = None;
        // query_all maps every row; only the first one is wanted.
        let _ = self.query_all(sql, params, |row| {
            if let Some(f) = f.take() {
                first = Some(f(row));
            }
            Ok(())
        })?;
        first.unwrap_or(Err(Error::NoRows))
    }

    /// rusqlite-style statement handle (`prepare` then `query_map`).
    pub fn prepare<'c>(&'c self, sql: &str) -> Result<Statement<'c>> {
        Ok(Statement {
            conn: self,
            sql: sql.to_string(),
        })
    }

    /// Starts a transaction: SQLite `BEGIN IMMEDIATE` (takes the write lock
    /// up front), PostgreSQL `BEGIN` (READ COMMITTED: every write that
    /// depends on a read is one conditional statement). Rolled back when
    /// dropped without [`Tx::commit`].
    pub fn transaction(&self) -> Result<Tx<'_>> {
        match self {
            Conn::Sqlite(_) => self.execute_batch("BEGIN IMMEDIATE")?,
            Conn::Postgres(_) => self.execute_batch("BEGIN")?,
        }
        Ok(Tx {
            conn: self,
            done: false,
        })
    }

    /// Starts a read-only transaction whose reads all see one snapshot: SQLite `BEGIN` (deferred;
    /// in WAL mode the first read fixes the snapshot, and no write lock is taken), PostgreSQL
    /// `REPEATABLE READ READ ONLY`. For answers built from several SELECTs that must agree, such
    /// as a collection and its version (the `ETag` a later `If-Match` relies on).
    pub fn snapshot(&self) -> Result<Tx<'_>> {
        match self {
            Conn::Sqlite(_) => self.execute_batch("BEGIN")?,
            Conn::Postgres(_) => {
                self.execute_batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?
            }
        }
        Ok(Tx {
            conn: self,
            done: false,
        })
    }
}

fn sqlite_value(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        Value::Null => V::Null,
        Value::Int(i) => V::Integer(*i),
        Value::Real(f) => V::Real(*f),
        Value::Text(s) => V::Text(s.clone()),
        Value::Blob(b) => V::Blob(b.clone()),
    }
}

/// See [`Conn::prepare`].
pub struct Statement<'c> {
    conn: &'c Conn,
    sql: String,
}

impl Statement<'_> {
    pub fn query_map<P, T, F>(&mut self, params: P, f: F) -> Result<std::vec::IntoIter<Result<T>>>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        let rows = self.conn.query_all(&self.sql, params, f)?;
        Ok(rows.into_iter().map(Ok).collect::<Vec<_>>().into_iter())
    }
}

/// An open transaction; derefs to its connection.
pub struct Tx<'c> {
    conn: &'c Conn,
    done: bool,
}

impl Tx<'_> {
    /// Commits; a failed commit is rolled back when the `Tx` drops.
    pub fn commit(mut self) -> Result<()> {
        self.conn.execute_batch("COMMIT")?;
        self.done = true;
        Ok(())
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            if let Err(err) = self.conn.execute_batch("ROLLBACK") {
                tracing::warn!(error = %err, "rollback failed");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert_eq!(
            to_postgres("SELECT a FROM t WHERE b = ?1 AND c = '?' AND d = ?12"),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $12"
        );
    }
}
