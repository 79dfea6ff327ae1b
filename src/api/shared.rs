//! Responses fetched once and read by whoever needs them:
//! - the company's users, once per session (the benefits table and the marketing contact panel
//!   both show them, on both benefits tabs). Concurrent callers share one request; a failure is
//!   not kept, so the next caller asks again;
//! - the overview, requested as soon as the first session check finds a visible programme
//!   (`Session::refresh`) and read once by the overview page; later visits ask again, as its
//!   figures change;
//! - whether this session has recorded that the benefits were viewed: once is enough, as the
//!   server keeps the first time.
//!
//! The session forgets everything when the signed-in user changes ([`forget`]).

use std::cell::{Cell, RefCell};

use futures_util::future::{FutureExt, LocalBoxFuture, Shared};
use rewards_core::api::{RewardsOverview, UsersResponse};

use super::{early, endpoints, ApiError, IdempotencyKey};

type SharedRequest<T> = Shared<LocalBoxFuture<'static, Result<T, ApiError>>>;

thread_local! {
    static USERS: RefCell<Option<SharedRequest<UsersResponse>>> = const { RefCell::new(None) };
    static OVERVIEW: RefCell<Option<SharedRequest<RewardsOverview>>> = const { RefCell::new(None) };
    static BENEFITS_VIEWED: Cell<bool> = const { Cell::new(false) };
}

/// The company's users (`GET /users`), at most once per session.
pub async fn users() -> Result<UsersResponse, ApiError> {
    let request = USERS.with_borrow_mut(|slot| {
        slot.get_or_insert_with(|| endpoints::users().boxed_local().shared())
            .clone()
    });
    let result = request.clone().await;
    if result.is_err() {
        // Only drop the request that failed, not a newer one started meanwhile.
        USERS.with_borrow_mut(|slot| {
            if slot.as_ref().is_some_and(|kept| kept.ptr_eq(&request)) {
                *slot = None;
            }
        });
    }
    result
}

/// Sends the overview request now, or adopts index.html's (`early`); [`overview`] reads
/// its answer.
pub fn prefetch_overview(early: Option<early::Pending>) {
    let request = endpoints::overview(early).boxed_local().shared();
    // Polled once here, so `fetch` is called before the caller goes on (signing in rebuilds
    // the shell synchronously); the spawned task drives it from then on.
    let _ = request.clone().now_or_never();
    wasm_bindgen_futures::spawn_local(request.clone().map(drop));
    OVERVIEW.with_borrow_mut(|slot| *slot = Some(request));
}

/// The prefetched overview request while it has not been read, for a caller that may wait
/// for it (the app's mount, a bounded wait: `session::start`).
pub fn overview_in_flight() -> Option<impl std::future::Future<Output = ()>> {
    OVERVIEW.with_borrow(|slot| slot.clone().map(|request| request.map(drop)))
}

/// The prefetched overview, if its answer is already in and good: the page then shows it in
/// its first render, without a resource's extra task and layout. Read once, like [`overview`].
pub fn overview_ready() -> Option<RewardsOverview> {
    OVERVIEW.with_borrow_mut(|slot| {
        let data = slot.as_ref()?.peek()?.as_ref().ok()?.clone();
        *slot = None;
        Some(data)
    })
}

/// The overview: the prefetched answer the first time, a new request afterwards.
pub async fn overview() -> Result<RewardsOverview, ApiError> {
    match OVERVIEW.with_borrow_mut(Option::take) {
        Some(prefetched) => prefetched.await,
        None => endpoints::overview(None).await,
    }
}

/// Records that the benefits were viewed (`POST /benefits/viewed`), unless this session
/// already did; a failure is not kept, so the next visit records it.
pub async fn mark_benefits_viewed() {
    if BENEFITS_VIEWED.get() {
        return;
    }
    if endpoints::mark_benefits_viewed(&IdempotencyKey::new())
        .await
        .is_ok()
    {
        BENEFITS_VIEWED.set(true);
    }
}

/// Forgets every shared response (sign-in, sign-out, session ended).
pub fn forget() {
    USERS.with_borrow_mut(|slot| *slot = None);
    OVERVIEW.with_borrow_mut(|slot| *slot = None);
    BENEFITS_VIEWED.set(false);
}
