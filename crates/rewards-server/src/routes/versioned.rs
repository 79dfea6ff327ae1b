//! Versioned collections (marketing contacts, tenants): the `ETag` is the
//! collection's version, and every mutation carries `If-Match`.

use super::json_versioned;
use crate::auth::CurrentUser;
use crate::extract::if_match_version;
use crate::problem::{ApiResult, Problem};
use crate::sql::Conn;
use crate::state::AppState;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;

/// A company collection answered as a whole with its version.
pub trait Collection: Serialize + Send + Sized + 'static {
    /// Detail of the 412 answer to a stale `If-Match`.
    const STALE: &'static str;
    /// Advances the version if it is still `expected`, in one conditional
    /// UPDATE: the new version, or `None` when another writer got there first.
    fn bump_version_if(
        conn: &Conn,
        company_id: &str,
        expected: u64,
    ) -> crate::sql::Result<Option<u64>>;
    /// The collection as answered to `cu`.
    fn load(conn: &Conn, cu: &CurrentUser) -> crate::sql::Result<Self>;
    /// The version inside the body (also the `ETag`).
    fn etag_version(&self) -> u64;
}

/// `200` with the collection and its `ETag`. The rows and the version are separate SELECTs: read
/// apart, a write committed between them paired old rows with the new version, and a client
/// that changed those rows with that `If-Match` silently overwrote the write (a lost update,
/// `tests/concurrency.rs`). One snapshot makes them agree.
pub async fn get<C: Collection>(state: &AppState, cu: CurrentUser) -> ApiResult<Response> {
    let c = state
        .db
        .call(move |conn| {
            let snapshot = conn.snapshot()?;
            let c = C::load(&snapshot, &cu)?;
            snapshot.commit()?;
            Ok(c)
        })
        .await?;
    Ok(json_versioned(StatusCode::OK, &c, c.etag_version()))
}

/// An `If-Match` mutation in one transaction: `check` (problems that win over
/// a stale version, such as 404), then the version is advanced only if it is
/// still the `If-Match` one (one conditional UPDATE; 412 otherwise), then
/// `apply` with what `check` returned; the new collection is answered with
/// `status` and its `ETag`. A failing `apply` rolls the version back.
pub async fn mutate<C, T>(
    state: &AppState,
    cu: CurrentUser,
    headers: &HeaderMap,
    status: StatusCode,
    check: impl FnOnce(&Conn, &CurrentUser) -> ApiResult<T> + Send + 'static,
    apply: impl FnOnce(&Conn, &CurrentUser, T) -> ApiResult<()> + Send + 'static,
) -> ApiResult<Response>
where
    C: Collection,
    T: Send + 'static,
{
    let wanted = if_match_version(headers)?;
    let c = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let checked = check(&tx, &cu)?;
            if C::bump_version_if(&tx, &cu.company_id, wanted)?.is_none() {
                return Err(Problem::precondition_failed(C::STALE));
            }
            apply(&tx, &cu, checked)?;
            let c = C::load(&tx, &cu)?;
            tx.commit()?;
            Ok(c)
        })
        .await?;
    Ok(json_versioned(status, &c, c.etag_version()))
}
