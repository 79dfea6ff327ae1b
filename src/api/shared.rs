//! Responses that several pages need and that only change with the signed-in user, fetched
//! once per session: the company's users (the benefits table and the marketing contact panel
//! both show them, on both benefits tabs). Concurrent callers share one request; a failure is
//! not kept, so the next caller asks again. The session forgets everything when the signed-in
//! user changes ([`forget`]).

use std::cell::RefCell;

use futures_util::future::{FutureExt, LocalBoxFuture, Shared};
use rewards_core::api::UsersResponse;

use super::{endpoints, ApiError};

type SharedRequest<T> = Shared<LocalBoxFuture<'static, Result<T, ApiError>>>;

thread_local! {
    static USERS: RefCell<Option<SharedRequest<UsersResponse>>> = const { RefCell::new(None) };
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

/// Forgets every shared response (sign-in, sign-out, session ended).
pub fn forget() {
    USERS.with_borrow_mut(|slot| *slot = None);
}
