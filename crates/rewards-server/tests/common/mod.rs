//! Test harness: an in-process app over a real temporary SQLite file (or a
//! fresh PostgreSQL database when `REWARDS_TEST_POSTGRES` is set) and a
//! fake SPA build, plus request helpers and an OpenAPI response validator.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use rewards_server::clock::Clock;
use rewards_server::{app_with_clock, Config};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use tower::ServiceExt;

pub const PASSWORD: &str = "Rewards-Demo-2026";
pub const MEGAN: &str = "megan@contoso.example";
pub const ALEX: &str = "alex@contoso.example";
pub const ADELE: &str = "adele@contoso.example";
pub const DIEGO: &str = "diego@contoso.example";
pub const LEE: &str = "lee@fabrikam.example";
/// Global admin who signs in through Fabrikam (not associated).
pub const PATTI: &str = "patti@fabrikam.example";
/// The Marketplace Rewards team's demo user (role `rewards_team`).
pub const TEAM: &str = "team@rewards.example";
pub const FABRIKAM_PASSWORD: &str = "Fabrikam-Tenant-2026";

pub const INDEX_HTML: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Rewards</title>\
<link rel=\"stylesheet\" href=\"/style-0123abcd89ef4567.css\">\
<script type=\"module\">import init from '/rewards-portal-3b1f7a0c2d4e5f60.js';init('/rewards-portal-3b1f7a0c2d4e5f60_bg.wasm');</script>\
</head><body></body></html>";
pub const APP_JS: &str = "export default function init(){ /* a long enough body to be compressed by the server on the fly ....................................................................... */ }";

/// The PostgreSQL database the tests may use (`scripts/with-postgres.sh`
/// sets it): every test app then gets a fresh PostgreSQL database instead
/// of a SQLite file.
pub fn postgres_url() -> Option<String> {
    std::env::var("REWARDS_TEST_POSTGRES")
        .ok()
        .filter(|url| !url.is_empty())
}

pub fn on_postgres() -> bool {
    postgres_url().is_some()
}

/// `url` with its database name replaced by `name`.
fn with_dbname(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let cut = base.rfind('/').expect("a database URL with a path");
    format!("{}/{name}{query}", &base[..cut])
}

/// Runs `f` on a thread of its own: the synchronous PostgreSQL client must
/// not run on an async worker thread (see `rewards_server::sql::PgClient`).
pub fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        s.spawn(f)
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// A new PostgreSQL database (a copy of `template`, or empty), as its URL.
fn create_postgres_db(template: Option<&str>) -> String {
    off_runtime(|| create_postgres_db_here(template))
}

fn create_postgres_db_here(template: Option<&str>) -> String {
    use std::sync::atomic::AtomicU32;
    static N: AtomicU32 = AtomicU32::new(0);
    let url = postgres_url().expect("REWARDS_TEST_POSTGRES");
    let name = format!(
        "t_{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        rewards_server::auth::new_id("")
            .to_ascii_lowercase()
            .replace(['-', '_'], "")
    );
    let mut admin =
        postgres::Client::connect(&url, postgres::NoTls).expect("connect to PostgreSQL");
    let sql = match template {
        Some(t) => format!("CREATE DATABASE {name} TEMPLATE {t}"),
        None => format!("CREATE DATABASE {name}"),
    };
    // Copies of one template cannot run at the same time ("being accessed
    // by other users"): try again.
    let mut attempt = 0;
    loop {
        match admin.batch_execute(&sql) {
            Ok(()) => break,
            Err(e) if attempt < 200 => {
                attempt += 1;
                let _ = e;
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(e) => panic!("{sql}: {e}"),
        }
    }
    with_dbname(&url, &name)
}

/// A seeded database made once per test binary and copied for each test
/// (a SQLite file, or a PostgreSQL template database).
fn template_db() -> &'static Path {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let path = if on_postgres() {
            PathBuf::from(create_postgres_db(None))
        } else {
            tempfile::tempdir().unwrap().keep().join("template.sqlite3")
        };
        let db = rewards_server::db::Db::open(&path).unwrap();
        db.with_conn(|c| rewards_server::seed::seed_if_empty(c, rewards_server::clock::now()))
            .unwrap();
        drop(db); // closing the last connection checkpoints the WAL
        path
    })
}

/// A fresh seeded database for one app: a copy of the template in `dir`
/// (SQLite) or a new database from the template (PostgreSQL).
pub fn fresh_db(dir: &Path) -> PathBuf {
    if on_postgres() {
        let template = template_db().to_str().unwrap();
        let name = &template[template.rfind('/').unwrap() + 1..];
        return PathBuf::from(create_postgres_db(Some(name)));
    }
    let db_path = dir.join("data").join("rewards.sqlite3");
    std::fs::create_dir_all(db_path.parent().unwrap()).unwrap();
    std::fs::copy(template_db(), &db_path).unwrap();
    db_path
}

/// An empty (unmigrated) database: `dir/r.sqlite3` or a new PostgreSQL
/// database.
pub fn empty_db(dir: &Path) -> PathBuf {
    if on_postgres() {
        PathBuf::from(create_postgres_db(None))
    } else {
        dir.join("r.sqlite3")
    }
}

/// A direct connection to a test database (not through the pool).
pub fn db_conn(db: &Path) -> rewards_server::sql::Conn {
    use rewards_server::sql::Conn;
    let db = db.to_str().unwrap();
    if rewards_server::db::is_postgres_url(db) {
        off_runtime(|| Conn::postgres(postgres::Client::connect(db, postgres::NoTls).unwrap()))
    } else {
        let conn = rusqlite::Connection::open(db).unwrap();
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .unwrap();
        Conn::Sqlite(conn)
    }
}

/// The integer a query answers (a PostgreSQL `SUM` is cast to BIGINT).
pub fn db_count(db: &Path, sql: &str) -> i64 {
    off_runtime(|| db_count_here(db, sql))
}

fn db_count_here(db: &Path, sql: &str) -> i64 {
    let conn = db_conn(db);
    let sql = match conn.dialect() {
        rewards_server::sql::Dialect::Postgres => format!("SELECT CAST(({sql}) AS BIGINT)"),
        rewards_server::sql::Dialect::Sqlite => sql.to_string(),
    };
    conn.query_row(&sql, (), |r| r.get(0)).unwrap()
}

/// Holds the write lock (SQLite) or the row locks of the company and the
/// counters (PostgreSQL) on another connection until `release` answers.
pub fn hold_write_lock(
    db: PathBuf,
    locked: std::sync::mpsc::Sender<()>,
    release: impl FnOnce() + Send + 'static,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let conn = db_conn(&db);
        let sql = match conn.dialect() {
            rewards_server::sql::Dialect::Sqlite => {
                "BEGIN IMMEDIATE; UPDATE companies SET benefits_viewed_at = 1;"
            }
            rewards_server::sql::Dialect::Postgres => {
                "BEGIN; UPDATE companies SET benefits_viewed_at = 1; UPDATE counters SET value = value;"
            }
        };
        conn.execute_batch(sql).unwrap();
        locked.send(()).unwrap();
        release();
        conn.execute_batch("COMMIT").unwrap();
    })
}

/// Everything the database holds as bytes: the SQLite file with its WAL
/// and shared-memory files, or on PostgreSQL the text of every row of every
/// table (blobs as escaped text), to look for secrets.
pub fn database_bytes(db: &Path) -> Vec<u8> {
    off_runtime(|| database_bytes_here(db))
}

/// The text of the rows of a one-column query.
pub fn db_strings(db: &Path, sql: &str) -> Vec<String> {
    off_runtime(|| db_conn(db).query_all(sql, (), |r| r.get(0)).unwrap())
}

fn database_bytes_here(db: &Path) -> Vec<u8> {
    let conn = db_conn(db);
    if conn.dialect() == rewards_server::sql::Dialect::Sqlite {
        let mut bytes = std::fs::read(db).unwrap();
        for suffix in ["sqlite3-wal", "sqlite3-shm"] {
            if let Ok(more) = std::fs::read(db.with_extension(suffix)) {
                bytes.extend(more);
            }
        }
        return bytes;
    }
    let columns: Vec<(String, String, String)> = conn
        .query_all(
            "SELECT table_name, column_name, data_type FROM information_schema.columns
              WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
            (),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let mut bytes = Vec::new();
    for (table, column, ty) in columns {
        let expr = if ty == "bytea" {
            format!("encode(\"{column}\", 'escape')")
        } else {
            format!("CAST(\"{column}\" AS TEXT)")
        };
        let values: Vec<Option<String>> = conn
            .query_all(&format!("SELECT {expr} FROM \"{table}\""), (), |r| r.get(0))
            .unwrap();
        for v in values.into_iter().flatten() {
            bytes.extend(v.into_bytes());
            bytes.push(b'\n');
        }
    }
    bytes
}

pub struct TestApp {
    pub dir: tempfile::TempDir,
    pub router: Router,
    /// The clock of the attempt limits: tests may stop and move it.
    pub clock: Clock,
    pub db_path: PathBuf,
    pub dist: PathBuf,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// Asserts a problem document with this status and code.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text());
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        let v = self.json();
        assert_eq!(v["code"], code, "body: {v}");
        assert_eq!(v["status"], status);
        assert!(v["type"].is_string() && v["title"].is_string() && v["detail"].is_string());
        v
    }
}

static KEYS: AtomicU64 = AtomicU64::new(1);

pub fn new_key() -> String {
    format!("test-key-{}", KEYS.fetch_add(1, Ordering::Relaxed))
}

impl TestApp {
    pub fn new() -> TestApp {
        Self::with_frame_ancestors("'self'")
    }

    pub fn with_frame_ancestors(frame_ancestors: &str) -> TestApp {
        Self::with_config(Config {
            frame_ancestors: frame_ancestors.into(),
            ..Config::default()
        })
    }

    /// `config` with this app's database and build directory.
    pub fn with_config(config: Config) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let db_path = fresh_db(dir.path());
        let dist = dir.path().join("dist");
        write_dist(&dist);
        let clock = Clock::default();
        let router = app_with_clock(
            Config {
                db: db_path.clone(),
                dist: dist.clone(),
                ..config
            },
            clock.clone(),
        )
        .unwrap();
        TestApp {
            dir,
            router,
            clock,
            db_path,
            dist,
        }
    }

    pub async fn send(&self, req: Request<Body>) -> Resp {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Resp {
            status,
            headers,
            body,
        }
    }

    /// A request with optional token, automatic Idempotency-Key for
    /// mutations, and optional JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Resp {
        self.call_with(method, path, token, body, &[]).await
    }

    /// The collection version (`ETag`) of a GET, for `If-Match`.
    pub async fn etag(&self, path: &str, token: &str) -> String {
        let r = self.get(path, token).await;
        assert_eq!(r.status, 200);
        r.header("etag").unwrap().to_string()
    }

    pub async fn call_with(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Resp {
        let mut b = Request::builder().method(method.clone()).uri(path);
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let has_key = headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("idempotency-key"));
        if method != Method::GET && !has_key {
            b = b.header("Idempotency-Key", new_key());
        }
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let body = match body {
            Some(v) => {
                b = b.header(header::CONTENT_TYPE, "application/json");
                Body::from(v.to_string())
            }
            None => Body::empty(),
        };
        self.send(b.body(body).unwrap()).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Resp {
        self.call(Method::GET, path, Some(token), None).await
    }

    /// A POST as `token` (with an automatic Idempotency-Key).
    pub async fn post(&self, path: &str, token: &str, body: Option<Value>) -> Resp {
        self.call(Method::POST, path, Some(token), body).await
    }

    /// `method path` as `token` with `If-Match: version`.
    pub async fn if_match(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
        version: &str,
    ) -> Resp {
        self.call_with(method, path, Some(token), body, &[("If-Match", version)])
            .await
    }

    /// POST /api/v1/session (no token) with this body.
    pub async fn sign_in_with(&self, body: Value) -> Resp {
        self.call(Method::POST, "/api/v1/session", None, Some(body))
            .await
    }

    pub async fn sign_in(&self, email: &str) -> String {
        let r = self
            .call(
                Method::POST,
                "/api/v1/session",
                None,
                Some(json!({"email": email, "password": PASSWORD})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        r.json()["token"].as_str().unwrap().to_string()
    }

    /// Runs SQL directly against the test database (for fixtures).
    pub fn sql(&self, sql: &str) {
        off_runtime(|| db_conn(&self.db_path).execute_batch(sql).unwrap());
    }

    pub fn sql_count(&self, sql: &str) -> i64 {
        db_count(&self.db_path, sql)
    }

    /// Adds another company with a benefit, a contact and a technical request.
    pub fn add_other_company(&self) {
        self.sql(
            "INSERT INTO companies (id, name, partner_global_account_id, partner_id, account_email, home_tenant)
               VALUES ('co-other', 'Northwind Traders', 'pga-9', '9999999', 'pc@northwind.example', 'northwind.onmicrosoft.com');
             INSERT INTO users (id, company_id, email, display_name, password_hash, tenant, roles)
               VALUES ('usr-nina', 'co-other', 'nina@northwind.example', 'Nina', 'x', 'northwind.onmicrosoft.com', '[\"global_admin\"]');
             INSERT INTO benefits (id, company_id, key, category, source, quantity, unlock_tier, constraints, status, activation_mode)
               VALUES ('ben-other', 'co-other', 'marketing_toolkit', 'sales_marketing', '{\"programme\":\"list\"}', '{\"kind\":\"included\"}', 'publisher', '[]', 'available', 'in_portal');
             INSERT INTO marketing_contacts (id, company_id, user_id, email, phone_e164, preferred_language, created_at)
               VALUES ('mc-other', 'co-other', 'usr-nina', 'nina@northwind.example', '+3120000000', 'en', 0);
             INSERT INTO technical_requests (id, company_id, seq, case_number, phase, solution_type, title, description, products, phone_e164, country_region, time_zone, language, preferred_contact_time, status, created_at, created_by)
               VALUES ('tr-other', 'co-other', 1, 'TR-2026-000001', 'design', 'cloud', 't', 'd', '[\"Azure\"]', '+3120000000', 'NL', 'Europe/Amsterdam', 'en', '', 'submitted', 0, 'usr-nina');",
        );
    }
}

fn write_dist(dist: &Path) {
    std::fs::create_dir_all(dist.join("assets")).unwrap();
    std::fs::write(dist.join("index.html"), INDEX_HTML).unwrap();
    std::fs::write(dist.join("rewards-portal-3b1f7a0c2d4e5f60.js"), APP_JS).unwrap();
    // Precompressed sibling, as produced by the build.
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 5, 22);
        std::io::Write::write_all(&mut w, APP_JS.as_bytes()).unwrap();
    }
    std::fs::write(dist.join("rewards-portal-3b1f7a0c2d4e5f60.js.br"), br).unwrap();
    std::fs::write(
        dist.join("style-0123abcd89ef4567.css"),
        "body{margin:0}".repeat(20),
    )
    .unwrap();
    std::fs::write(dist.join("config.json"), "{\"api\":\"/api/v1\"}").unwrap();
}

pub fn brotli_decode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut std::io::Cursor::new(bytes), &mut out).unwrap();
    out
}

// ---------------------------------------------------------------------------
// OpenAPI response validation
// ---------------------------------------------------------------------------

pub fn openapi_doc() -> Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| serde_json::to_value(rewards_server::openapi::document()).unwrap())
        .clone()
}

/// Validates `value` against `schema` (the subset utoipa emits). Objects are
/// checked strictly: a property the schema does not declare is an error, so
/// the documented schemas cannot drift from the real DTOs.
pub fn validate(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/components/schemas/");
        let target = &doc["components"]["schemas"][name];
        if target.is_null() {
            return Err(format!("{at}: unresolved {r}"));
        }
        return validate(doc, target, value, at);
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            validate(doc, s, value, at)?;
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let errors: Vec<String> = options
                .iter()
                .filter_map(|s| validate(doc, s, value, at).err())
                .collect();
            if errors.len() == options.len() {
                return Err(format!("{at}: no {key} alternative matches: {errors:?}"));
            }
        }
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "null" => value.is_null(),
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            _ => false,
        });
        if !ok {
            return Err(format!("{at}: expected {types:?}, got {value}"));
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(value) && !value.is_null() {
            return Err(format!("{at}: {value} not in enum {e:?}"));
        }
    }
    if let (Some(obj), Some(props)) = (
        value.as_object(),
        schema.get("properties").and_then(Value::as_object),
    ) {
        for (k, v) in obj {
            let Some(s) = props.get(k) else {
                return Err(format!("{at}: property `{k}` is not in the schema"));
            };
            validate(doc, s, v, &format!("{at}.{k}"))?;
        }
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let r = r.as_str().unwrap();
            if !obj.contains_key(r) {
                return Err(format!("{at}: required `{r}` missing"));
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), value.as_array()) {
        for (i, v) in arr.iter().enumerate() {
            validate(doc, items, v, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

/// Asserts a response matches the documented schema for its route, method
/// and status. `template` is the documented path (with `{id}` etc.).
#[track_caller]
pub fn assert_documented(method: &str, template: &str, resp: &Resp) {
    let doc = openapi_doc();
    let op = &doc["paths"][template][method.to_ascii_lowercase()];
    assert!(!op.is_null(), "{method} {template} is not documented");
    let status = resp.status.as_u16().to_string();
    let r = &op["responses"][&status];
    assert!(
        !r.is_null(),
        "{method} {template}: status {status} is not documented"
    );
    if resp.body.is_empty() {
        return;
    }
    let ct = resp.header("content-type").unwrap_or_default().to_string();
    let content = &r["content"][&ct];
    assert!(
        !content.is_null(),
        "{method} {template} {status}: content type {ct} not documented"
    );
    let schema = &content["schema"];
    if let Err(e) = validate(&doc, schema, &resp.json(), "$") {
        panic!("{method} {template} {status}: {e}");
    }
}
